package com.eventshop.fraud.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** More than {@code maxOrders} orders of one customer within {@code window} (this one included). */
public record VelocityRule(int maxOrders, Duration window) implements FraudRule {

    public static final String ID = "velocity";

    public VelocityRule {
        if (maxOrders < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("velocity rule needs maxOrders >= 1 and a positive window");
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> violation(CustomerOrder order, List<CustomerOrder> recent) {
        int count = FraudRule.inWindow(order, recent, window).size() + 1;
        return count > maxOrders
                ? Optional.of(count + " orders within " + window + " (at most " + maxOrders + ")")
                : Optional.empty();
    }
}
