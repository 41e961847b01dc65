package com.eventshop.fraud.domain;

import java.util.Optional;

/** The outcome for one order: passed, or the first rule it broke and why. */
public record FraudVerdict(boolean passed, Optional<String> rule, Optional<String> detail) {

    public static FraudVerdict pass() {
        return new FraudVerdict(true, Optional.empty(), Optional.empty());
    }

    public static FraudVerdict fail(String rule, String detail) {
        return new FraudVerdict(false, Optional.of(rule), Optional.of(detail));
    }
}
