package com.eventshop.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FraudRulesTest {

    private static final Instant T = Instant.parse("2025-01-01T12:00:00Z");

    private static CustomerOrder order(String id, long cents, Instant at) {
        return new CustomerOrder(id, "c", cents, at);
    }

    private static List<CustomerOrder> orders(int count, long cents, Instant from, Duration step) {
        List<CustomerOrder> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(order("r-" + i, cents, from.plus(step.multipliedBy(i))));
        }
        return list;
    }

    @Test
    void velocityCountsThisOrderAndThoseWithinTheWindow() {
        VelocityRule rule = new VelocityRule(3, Duration.ofMinutes(1));
        List<CustomerOrder> twoRecent = orders(2, 1, T.minusSeconds(30), Duration.ofSeconds(1));
        assertThat(rule.violation(order("x", 1, T), twoRecent)).isEmpty();
        List<CustomerOrder> threeRecent = orders(3, 1, T.minusSeconds(30), Duration.ofSeconds(1));
        assertThat(rule.violation(order("x", 1, T), threeRecent)).isPresent();
    }

    @Test
    void velocityWindowSpansAWindowEitherSideAndExcludesItsEdges() {
        VelocityRule rule = new VelocityRule(1, Duration.ofMinutes(1));
        assertThat(rule.violation(order("x", 1, T), List.of(order("old", 1, T.minusSeconds(60))))).isEmpty();
        assertThat(rule.violation(order("x", 1, T), List.of(order("far", 1, T.plusSeconds(60))))).isEmpty();
        // checked after an order placed a moment later (another partition was quicker): same burst
        assertThat(rule.violation(order("x", 1, T), List.of(order("later", 1, T.plusSeconds(1))))).isPresent();
        assertThat(rule.violation(order("x", 1, T), List.of(order("same", 1, T)))).isPresent();
        assertThat(rule.violation(order("x", 1, T), List.of(order("x", 1, T)))).as("itself").isEmpty();
    }

    @Test
    void amountSumsTheWindow() {
        AmountRule rule = new AmountRule(1000, Duration.ofMinutes(10));
        assertThat(rule.violation(order("x", 400, T), orders(2, 300, T.minusSeconds(300), Duration.ofSeconds(1))))
                .isEmpty();
        assertThat(rule.violation(order("x", 401, T), orders(2, 300, T.minusSeconds(300), Duration.ofSeconds(1))))
                .isPresent();
        assertThat(rule.violation(order("x", 401, T), orders(2, 300, T.minusSeconds(700), Duration.ofSeconds(1))))
                .as("older than the window").isEmpty();
        assertThat(rule.violation(order("x", 1001, T), List.of())).as("one big order").isPresent();
        assertThat(rule.violation(order("x", Long.MAX_VALUE, T), List.of(order("y", Long.MAX_VALUE, T))))
                .as("no overflow").isPresent();
    }

    @Test
    void defaultsAndTheFirstBrokenRuleIsReported() {
        FraudRules rules = FraudRules.from(FraudConfig.defaults());
        assertThat(rules.lookback()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rules.evaluate(order("x", 500_000, T), List.of()).passed()).isTrue();
        FraudVerdict big = rules.evaluate(order("x", 500_001, T), List.of());
        assertThat(big.passed()).isFalse();
        assertThat(big.rule()).contains(AmountRule.ID);

        FraudVerdict burst = rules.evaluate(order("x", 600_000, T), orders(20, 1, T.minusSeconds(20), Duration.ofSeconds(1)));
        assertThat(burst.rule()).contains(VelocityRule.ID);
    }

    @Test
    void rejectsNonsenseThresholds() {
        assertThatThrownBy(() -> new VelocityRule(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmountRule(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FraudRules(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
