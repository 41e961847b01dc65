package com.eventshop.orders.domain;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.events.OrderRequested;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a customer's order request into an {@link OrderRequested}: the order id derived from
 * the customer and the Idempotency-Key, the hash of the request, and every line priced from
 * the {@link PriceList} (prices never come from the client).
 */
public final class OrderPlacement {

    /** Largest quantity of one line. */
    public static final int MAX_QUANTITY = 1000;
    /** Most lines in one order. */
    public static final int MAX_LINES = 100;

    private final PriceList prices;

    public OrderPlacement(PriceList prices) {
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    /** One line as the customer asks for it: no price. */
    public record LineRequest(String productId, int quantity) {
    }

    /** What the customer asks for. */
    public record PlaceOrder(String customerId, List<LineRequest> lines, Address shippingAddress) {

        public PlaceOrder {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(shippingAddress, "shippingAddress");
            lines = List.copyOf(lines);
        }
    }

    /**
     * The order id for a customer's Idempotency-Key: a name-based UUID, so the same key of the
     * same customer always names the same order, on any instance, after any restart.
     */
    public static String orderId(String customerId, String idempotencyKey) {
        String name = "eventshop-order\u0000" + customerId + "\u0000" + idempotencyKey;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * SHA-256 (hex) of the canonical request: customer, lines sorted by product (the order of
     * lines in the JSON does not matter) and the address, each field length-prefixed so no
     * two different requests share a canonical form. Prices are not part of it: a retry after
     * a price change is still the same request.
     */
    public static String requestHash(PlaceOrder request) {
        StringBuilder canonical = new StringBuilder("v1;");
        field(canonical, request.customerId());
        List<LineRequest> lines = new ArrayList<>(request.lines());
        lines.sort(Comparator.comparing(LineRequest::productId).thenComparingInt(LineRequest::quantity));
        canonical.append(lines.size()).append(';');
        for (LineRequest line : lines) {
            field(canonical, line.productId());
            field(canonical, Integer.toString(line.quantity()));
        }
        Address a = request.shippingAddress();
        field(canonical, a.getName());
        field(canonical, a.getStreet());
        field(canonical, a.getCity());
        field(canonical, a.getPostalCode());
        field(canonical, a.getCountry());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void field(StringBuilder out, String value) {
        String v = value == null ? "" : value;
        out.append(v.length()).append(':').append(v).append(';');
    }

    /** Prices the request. */
    public Priced price(PlaceOrder request, String idempotencyKey, Instant now) {
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> currencies = new LinkedHashSet<>();
        List<OrderLine> lines = new ArrayList<>();
        long total = 0;
        for (LineRequest line : request.lines()) {
            Optional<Price> price = prices.priceOf(line.productId());
            if (price.isEmpty()) {
                unknown.add(line.productId());
                continue;
            }
            currencies.add(price.get().currency());
            lines.add(OrderLine.newBuilder()
                    .setProductId(line.productId())
                    .setQuantity(line.quantity())
                    .setUnitPriceCents(price.get().cents())
                    .build());
            total = Math.addExact(total, Math.multiplyExact(price.get().cents(), (long) line.quantity()));
        }
        if (!unknown.isEmpty()) {
            return new Priced.UnknownProducts(List.copyOf(unknown));
        }
        if (currencies.size() > 1) {
            return new Priced.MixedCurrencies(List.copyOf(currencies));
        }
        String orderId = orderId(request.customerId(), idempotencyKey);
        return new Priced.Ok(OrderRequested.newBuilder()
                .setOrderId(orderId)
                .setCustomerId(request.customerId())
                .setLines(lines)
                .setTotalCents(total)
                .setCurrency(currencies.isEmpty() ? "EUR" : currencies.iterator().next())
                .setShippingAddress(request.shippingAddress())
                .setRequestHash(requestHash(request))
                .setRequestedAt(now)
                .build());
    }

    /** The outcome of pricing. */
    public sealed interface Priced {
        /** Every line priced. */
        record Ok(OrderRequested requested) implements Priced {
        }

        /** Some products have no price: they are not sold. */
        record UnknownProducts(List<String> productIds) implements Priced {
        }

        /** The products are priced in different currencies; one order has one currency. */
        record MixedCurrencies(List<String> currencies) implements Priced {
        }
    }
}
