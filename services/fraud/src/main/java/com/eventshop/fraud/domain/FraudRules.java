package com.eventshop.fraud.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The rule set: an order passes when it breaks no rule; the first broken rule is reported. */
public final class FraudRules {

    private final List<FraudRule> rules;

    public FraudRules(List<FraudRule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("at least one rule");
        }
        this.rules = List.copyOf(rules);
    }

    public static FraudRules from(FraudConfig config) {
        return new FraudRules(List.of(
                new VelocityRule(config.maxOrdersPerWindow(), config.velocityWindow()),
                new AmountRule(config.maxAmountCents(), config.amountWindow())));
    }

    public List<FraudRule> rules() {
        return rules;
    }

    /** The longest window of any rule: how much history must be kept. */
    public Duration lookback() {
        return rules.stream().map(FraudRule::window).max(Duration::compareTo).orElseThrow();
    }

    public FraudVerdict evaluate(CustomerOrder order, List<CustomerOrder> recent) {
        for (FraudRule rule : rules) {
            Optional<String> violation = rule.violation(order, recent);
            if (violation.isPresent()) {
                return FraudVerdict.fail(rule.id(), violation.get());
            }
        }
        return FraudVerdict.pass();
    }
}
