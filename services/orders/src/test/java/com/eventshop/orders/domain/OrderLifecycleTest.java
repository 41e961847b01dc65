package com.eventshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.OrderState;
import org.junit.jupiter.api.Test;

class OrderLifecycleTest {

    @Test
    void cancellableUntilShipped() {
        assertThat(OrderLifecycle.cancellable(OrderState.CREATED)).isTrue();
        assertThat(OrderLifecycle.cancellable(OrderState.VALIDATED)).isTrue();
        assertThat(OrderLifecycle.cancellable(OrderState.PAID)).isTrue();
        assertThat(OrderLifecycle.cancellable(OrderState.CONFIRMED)).isTrue();
        assertThat(OrderLifecycle.cancellable(OrderState.PACKED)).isTrue();
        assertThat(OrderLifecycle.cancellable(OrderState.SHIPPED)).isFalse();
        assertThat(OrderLifecycle.cancellable(OrderState.DELIVERED)).isFalse();
        assertThat(OrderLifecycle.cancellable(OrderState.REJECTED)).isFalse();
        assertThat(OrderLifecycle.cancellable(OrderState.CANCELLED)).isFalse();
    }

    @Test
    void aWaiterIsDoneAtTheStateALaterOneOrATerminalOne() {
        assertThat(OrderLifecycle.reached(OrderState.CREATED, OrderState.CONFIRMED)).isFalse();
        assertThat(OrderLifecycle.reached(OrderState.PAID, OrderState.CONFIRMED)).isFalse();
        assertThat(OrderLifecycle.reached(OrderState.CONFIRMED, OrderState.CONFIRMED)).isTrue();
        assertThat(OrderLifecycle.reached(OrderState.SHIPPED, OrderState.CONFIRMED)).isTrue();
        assertThat(OrderLifecycle.reached(OrderState.REJECTED, OrderState.CONFIRMED)).isTrue();
        assertThat(OrderLifecycle.reached(OrderState.PAYMENT_FAILED, OrderState.DELIVERED)).isTrue();
        assertThat(OrderLifecycle.reached(OrderState.CANCELLED, OrderState.VALIDATED)).isTrue();
        assertThat(OrderLifecycle.reached(OrderState.CONFIRMED, OrderState.CANCELLED)).isFalse();
        assertThat(OrderLifecycle.reached(OrderState.DELIVERED, OrderState.CANCELLED)).isTrue();
    }
}
