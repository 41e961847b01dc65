package com.eventshop.orders.domain;

import com.eventshop.contracts.OrderState;
import java.util.EnumSet;
import java.util.Set;

/**
 * The shape of the order life cycle:
 * CREATED → VALIDATED | REJECTED → PAID | PAYMENT_FAILED → CONFIRMED → PACKED → SHIPPED →
 * OUT_FOR_DELIVERY → DELIVERED, and CANCELLED from any state up to PACKED.
 */
public final class OrderLifecycle {

    private static final Set<OrderState> CANCELLABLE = EnumSet.of(
            OrderState.CREATED, OrderState.VALIDATED, OrderState.PAID, OrderState.CONFIRMED,
            OrderState.PACKED);
    private static final Set<OrderState> TERMINAL = EnumSet.of(
            OrderState.REJECTED, OrderState.PAYMENT_FAILED, OrderState.CANCELLED,
            OrderState.DELIVERED);
    private static final Set<OrderState> SHIPPING = EnumSet.of(
            OrderState.CONFIRMED, OrderState.PACKED, OrderState.SHIPPED,
            OrderState.OUT_FOR_DELIVERY, OrderState.DELIVERED);

    private OrderLifecycle() {
    }

    /** A cancel request is honoured: anything up to PACKED, i.e. until the parcel left. */
    public static boolean cancellable(OrderState state) {
        return CANCELLABLE.contains(state);
    }

    /** Nothing will ever change the state again. */
    public static boolean terminal(OrderState state) {
        return TERMINAL.contains(state);
    }

    /** Confirmed and beyond: the states shipment updates move between. */
    public static boolean inShipping(OrderState state) {
        return SHIPPING.contains(state);
    }

    /**
     * Position along the life cycle: alternatives at the same step share a rank
     * (VALIDATED/REJECTED, PAID/PAYMENT_FAILED); CANCELLED ranks last.
     */
    public static int rank(OrderState state) {
        switch (state) {
            case CREATED: return 0;
            case VALIDATED: case REJECTED: return 1;
            case PAID: case PAYMENT_FAILED: return 2;
            case CONFIRMED: return 3;
            case PACKED: return 4;
            case SHIPPED: return 5;
            case OUT_FOR_DELIVERY: return 6;
            case DELIVERED: return 7;
            case CANCELLED: return 8;
            default: return -1;
        }
    }

    /**
     * Whether a waiter for {@code wanted} can stop waiting: the order is in that state, a later
     * one, or a terminal one (it will never get there).
     */
    public static boolean reached(OrderState current, OrderState wanted) {
        if (current == wanted || terminal(current)) {
            return true;
        }
        if (wanted == OrderState.CANCELLED) {
            return false;
        }
        return rank(current) > rank(wanted);
    }
}
