package com.eventshop.fraud.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One rule over a customer's recent orders. */
public interface FraudRule {

    /** The rule's id, reported in FraudChecked.rule when it fails. */
    String id();

    /** How far back the rule looks. */
    Duration window();

    /**
     * Whether the order breaks the rule.
     *
     * @param order  the order being checked
     * @param recent the customer's other orders, any time (the rule picks its window)
     * @return a description of the violation, empty if the order passes
     */
    Optional<String> violation(CustomerOrder order, List<CustomerOrder> recent);

    /** The orders of {@code recent} in the window ending at the order: (t - window, t]. */
    static List<CustomerOrder> inWindow(CustomerOrder order, List<CustomerOrder> recent, Duration window) {
        // Both sides: orders of one customer arrive through several partitions, so an order placed
        // a moment later may be checked first; it still belongs to this order's burst.
        long at = order.requestedAt().toEpochMilli();
        return recent.stream()
                .filter(o -> !o.orderId().equals(order.orderId()))
                .filter(o -> Math.abs(o.requestedAt().toEpochMilli() - at) < window.toMillis())
                .toList();
    }
}
