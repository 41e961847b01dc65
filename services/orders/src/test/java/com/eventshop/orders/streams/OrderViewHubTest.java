package com.eventshop.orders.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.tables.Order;
import com.eventshop.orders.OrderFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderViewHubTest {

    private static Order order(String id) {
        var r = OrderFixtures.requested(id, "c-1");
        return Order.newBuilder().setOrderId(id).setCustomerId("c-1").setState(OrderState.CREATED)
                .setLines(r.getLines()).setTotalCents(1).setCurrency("EUR").setShippingAddress(r.getShippingAddress())
                .setCreatedAt(OrderFixtures.T0).setUpdatedAt(OrderFixtures.T0).setVersion(1).build();
    }

    @Test
    void deliversToTheOrdersListenersAndForgetsThemWhenClosed() {
        OrderViewHub hub = new OrderViewHub();
        List<String> seen = new ArrayList<>();
        OrderViewHub.Subscription one = hub.subscribe("o-1", o -> seen.add("one:" + o.getOrderId()));
        OrderViewHub.Subscription two = hub.subscribe("o-1", o -> seen.add("two:" + o.getOrderId()));
        OrderViewHub.Subscription other = hub.subscribe("o-2", o -> seen.add("other:" + o.getOrderId()));
        assertThat(hub.subscriberCount()).isEqualTo(3);

        hub.publish(order("o-1"));
        assertThat(seen).containsExactlyInAnyOrder("one:o-1", "two:o-1");

        one.close();
        one.close();
        two.close();
        other.close();
        assertThat(hub.subscriberCount()).isZero();
        assertThat(hub.orderCount()).isZero();
        hub.publish(order("o-1"));
        assertThat(seen).hasSize(2);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        OrderViewHub hub = new OrderViewHub();
        List<String> seen = new ArrayList<>();
        hub.subscribe("o-1", o -> {
            throw new IllegalStateException("boom");
        });
        hub.subscribe("o-1", o -> seen.add(o.getOrderId()));

        hub.publish(order("o-1"));

        assertThat(seen).containsExactly("o-1");
    }
}
