package com.eventshop.orders.api;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.tables.Order;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** An order as the API shows it: the orders view, plus whether a long-poll ran out of time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
        String orderId,
        String customerId,
        OrderState state,
        long version,
        List<Line> lines,
        long totalCents,
        String currency,
        ShippingAddress shippingAddress,
        List<String> reasons,
        String paymentId,
        String trackingNumber,
        @Schema(description = "SHA-256 of the placing request; a reused Idempotency-Key with another body is refused")
        String requestHash,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Only on long-polls: true when the state asked for was not reached in time")
        Boolean waitTimedOut) {

    /** One priced line. */
    public record Line(String productId, int quantity, long unitPriceCents) {
    }

    /** Where the order goes. */
    public record ShippingAddress(String name, String street, String city, String postalCode, String country) {
    }

    public static OrderView of(Order order) {
        Address a = order.getShippingAddress();
        return new OrderView(order.getOrderId(), order.getCustomerId(), order.getState(), order.getVersion(),
                order.getLines().stream().map(OrderView::line).toList(),
                order.getTotalCents(), order.getCurrency(),
                new ShippingAddress(a.getName(), a.getStreet(), a.getCity(), a.getPostalCode(), a.getCountry()),
                List.copyOf(order.getReasons()), order.getPaymentId(), order.getTrackingNumber(),
                order.getRequestHash(), order.getCreatedAt(), order.getUpdatedAt(), null);
    }

    private static Line line(OrderLine line) {
        return new Line(line.getProductId(), line.getQuantity(), line.getUnitPriceCents());
    }

    public OrderView withWaitTimedOut(boolean timedOut) {
        return new OrderView(orderId, customerId, state, version, lines, totalCents, currency, shippingAddress,
                reasons, paymentId, trackingNumber, requestHash, createdAt, updatedAt, timedOut);
    }
}
