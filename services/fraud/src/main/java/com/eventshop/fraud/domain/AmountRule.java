package com.eventshop.fraud.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The total value of one customer's orders within {@code window} (this one included) is over
 * {@code limitCents} (minor units, currencies are not converted).
 */
public record AmountRule(long limitCents, Duration window) implements FraudRule {

    public static final String ID = "amount-limit";

    public AmountRule {
        if (limitCents < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("amount rule needs limitCents >= 0 and a positive window");
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> violation(CustomerOrder order, List<CustomerOrder> recent) {
        long total = order.totalCents();
        for (CustomerOrder o : FraudRule.inWindow(order, recent, window)) {
            total = saturatedAdd(total, o.totalCents());
        }
        return total > limitCents
                ? Optional.of(total + " cents within " + window + " (at most " + limitCents + ")")
                : Optional.empty();
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
