package com.eventshop.payments.domain;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries of transient provider failures with exponential backoff: after the first attempt
 * fails, up to {@code maxRetries} more, waiting {@code initialBackoff}, then times
 * {@code multiplier} each time (defaults: 3 retries after 20, 40, 80 ms; four calls at most).
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, double multiplier) {

    public RetryPolicy {
        if (maxRetries < 0 || initialBackoff.isNegative() || multiplier < 1.0) {
            throw new IllegalArgumentException("maxRetries >= 0, initialBackoff >= 0, multiplier >= 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(20), 2.0);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, 1.0);
    }

    /** The wait before retry number {@code retry} (1-based). */
    public Duration backoff(int retry) {
        return Duration.ofMillis(Math.round(initialBackoff.toMillis() * Math.pow(multiplier, retry - 1)));
    }

    public int maxAttempts() {
        return maxRetries + 1;
    }

    /**
     * Calls until it succeeds or the retries are used up.
     *
     * @throws TransientPaymentException the last failure, when every attempt failed transiently
     */
    public <T> T call(Sleeper sleeper, Supplier<T> attempt) {
        TransientPaymentException last = null;
        for (int i = 0; i <= maxRetries; i++) {
            if (i > 0) {
                sleeper.sleep(backoff(i));
            }
            try {
                return attempt.get();
            } catch (TransientPaymentException e) {
                last = e;
            }
        }
        throw last;
    }
}
