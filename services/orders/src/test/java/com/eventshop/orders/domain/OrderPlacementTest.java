package com.eventshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.orders.OrderFixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderPlacementTest {

    private final OrderPlacement placement = new OrderPlacement(new InMemoryPriceList(Map.of(
            "p-001", new Price(1299, "EUR"), "p-002", new Price(499, "EUR"), "usd-1", new Price(100, "USD"))));

    private static OrderPlacement.PlaceOrder request(String customerId, OrderPlacement.LineRequest... lines) {
        return new OrderPlacement.PlaceOrder(customerId, List.of(lines), OrderFixtures.address());
    }

    @Test
    void theOrderIdFollowsFromCustomerAndKey() {
        String id = OrderPlacement.orderId("c-1", "key-1");

        assertThat(id).isEqualTo(OrderPlacement.orderId("c-1", "key-1"));
        assertThat(id).hasSize(36);
        assertThat(OrderPlacement.orderId("c-1", "key-2")).isNotEqualTo(id);
        assertThat(OrderPlacement.orderId("c-2", "key-1")).isNotEqualTo(id);
        // no ambiguity between where the customer id ends and the key starts
        assertThat(OrderPlacement.orderId("c-1k", "ey-1")).isNotEqualTo(OrderPlacement.orderId("c-1", "key-1"));
    }

    @Test
    void theHashIsTheSameForTheSameRequestAndDiffersOtherwise() {
        var a = request("c-1", new OrderPlacement.LineRequest("p-001", 2), new OrderPlacement.LineRequest("p-002", 1));
        var sameInOtherOrder = request("c-1", new OrderPlacement.LineRequest("p-002", 1), new OrderPlacement.LineRequest("p-001", 2));
        var moreOfOne = request("c-1", new OrderPlacement.LineRequest("p-001", 3), new OrderPlacement.LineRequest("p-002", 1));

        assertThat(OrderPlacement.requestHash(a)).hasSize(64)
                .isEqualTo(OrderPlacement.requestHash(sameInOtherOrder))
                .isNotEqualTo(OrderPlacement.requestHash(moreOfOne));
    }

    @Test
    void linesArePricedFromThePriceList() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        var priced = placement.price(request("c-1", new OrderPlacement.LineRequest("p-001", 2),
                new OrderPlacement.LineRequest("p-002", 1)), "k", now);

        assertThat(priced).isInstanceOf(OrderPlacement.Priced.Ok.class);
        OrderRequested requested = ((OrderPlacement.Priced.Ok) priced).requested();
        assertThat(requested.getOrderId()).isEqualTo(OrderPlacement.orderId("c-1", "k"));
        assertThat(requested.getLines()).extracting(OrderLine::getUnitPriceCents).containsExactly(1299L, 499L);
        assertThat(requested.getTotalCents()).isEqualTo(3097);
        assertThat(requested.getCurrency()).isEqualTo("EUR");
        assertThat(requested.getRequestedAt()).isEqualTo(now);
        assertThat(requested.getRequestHash()).hasSize(64);
    }

    @Test
    void unknownProductsAndMixedCurrenciesAreNamed() {
        var unknown = placement.price(request("c-1", new OrderPlacement.LineRequest("p-001", 1),
                new OrderPlacement.LineRequest("nope", 1)), "k", Instant.EPOCH);
        assertThat(unknown).isEqualTo(new OrderPlacement.Priced.UnknownProducts(List.of("nope")));

        var mixed = placement.price(request("c-1", new OrderPlacement.LineRequest("p-001", 1),
                new OrderPlacement.LineRequest("usd-1", 1)), "k", Instant.EPOCH);
        assertThat(mixed).isEqualTo(new OrderPlacement.Priced.MixedCurrencies(List.of("EUR", "USD")));
    }
}
