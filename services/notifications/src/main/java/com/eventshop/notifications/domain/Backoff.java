package com.eventshop.notifications.domain;

import java.time.Duration;
import java.time.Instant;

/** Exponential backoff after SMTP failures: initial, doubled per failure up to max; reset by a success. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration current = Duration.ZERO;
    private Instant notBefore = Instant.EPOCH;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    public boolean ready(Instant now) {
        return !now.isBefore(notBefore);
    }

    public Duration failed(Instant now) {
        current = current.isZero() ? initial : current.multipliedBy(2);
        if (current.compareTo(max) > 0) {
            current = max;
        }
        notBefore = now.plus(current);
        return current;
    }

    public void succeeded() {
        current = Duration.ZERO;
        notBefore = Instant.EPOCH;
    }
}
