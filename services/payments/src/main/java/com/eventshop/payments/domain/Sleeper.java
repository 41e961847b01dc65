package com.eventshop.payments.domain;

import java.time.Duration;

/** Waits between retries (replaced in tests). */
@FunctionalInterface
public interface Sleeper {

    Sleeper THREAD = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientPaymentException("Interrupted while waiting to retry", e);
        }
    };

    void sleep(Duration duration);
}
