package com.eventshop.fraud.domain;

import java.time.Duration;

/**
 * Thresholds of the fraud rules.
 *
 * @param maxOrdersPerWindow more orders than this within {@code velocityWindow} fail (default 20)
 * @param velocityWindow     window of the velocity rule (default 1 minute)
 * @param maxAmountCents     a higher total within {@code amountWindow} fails (default 500,000)
 * @param amountWindow       window of the amount rule (default 10 minutes)
 */
public record FraudConfig(int maxOrdersPerWindow, Duration velocityWindow, long maxAmountCents,
                          Duration amountWindow) {

    public static final int DEFAULT_MAX_ORDERS = 20;
    public static final Duration DEFAULT_VELOCITY_WINDOW = Duration.ofMinutes(1);
    public static final long DEFAULT_MAX_AMOUNT_CENTS = 500_000;
    public static final Duration DEFAULT_AMOUNT_WINDOW = Duration.ofMinutes(10);

    public static FraudConfig defaults() {
        return new FraudConfig(DEFAULT_MAX_ORDERS, DEFAULT_VELOCITY_WINDOW, DEFAULT_MAX_AMOUNT_CENTS,
                DEFAULT_AMOUNT_WINDOW);
    }
}
