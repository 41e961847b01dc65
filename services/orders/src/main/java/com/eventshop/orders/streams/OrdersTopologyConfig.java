package com.eventshop.orders.streams;

import com.eventshop.orders.domain.CheckKind;
import com.eventshop.orders.domain.IgnoredEventCounter;
import com.eventshop.orders.domain.ValidationAggregator;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the order topology can be configured with.
 *
 * @param requiredChecks     checks an order waits for before it is decided (default all three);
 *                           empty means orders are validated as soon as they arrive
 * @param validationTimeout  how long an order waits for its checks before it is rejected with
 *                           {@code CHECK_TIMEOUT} (default 10 s)
 * @param punctuateInterval  how often (wall-clock) overdue validations are looked for (default 1 s)
 * @param ignoredEvents      counts ignored duplicate/out-of-order events
 * @param paymentTimeout     how long an order whose checks are all in waits for its payment
 *                           (default 60 s): a provider or a payments service that is down for a
 *                           moment delays an order rather than rejecting it
 */
public record OrdersTopologyConfig(
        Set<CheckKind> requiredChecks,
        Duration validationTimeout,
        Duration punctuateInterval,
        IgnoredEventCounter ignoredEvents,
        Duration paymentTimeout) {

    public static final Duration DEFAULT_VALIDATION_TIMEOUT = ValidationAggregator.DEFAULT_TIMEOUT;
    public static final Duration DEFAULT_PUNCTUATE_INTERVAL = Duration.ofSeconds(1);

    public OrdersTopologyConfig {
        requiredChecks = requiredChecks.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(CheckKind.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(requiredChecks));
        Objects.requireNonNull(validationTimeout, "validationTimeout");
        Objects.requireNonNull(punctuateInterval, "punctuateInterval");
        if (validationTimeout.isNegative() || validationTimeout.isZero()) {
            throw new IllegalArgumentException("validationTimeout must be positive");
        }
        if (punctuateInterval.toMillis() < 1) {
            throw new IllegalArgumentException("punctuateInterval must be at least 1 ms");
        }
        ignoredEvents = ignoredEvents == null ? IgnoredEventCounter.NONE : ignoredEvents;
        paymentTimeout = paymentTimeout == null ? ValidationAggregator.DEFAULT_PAYMENT_TIMEOUT : paymentTimeout;
    }

    public OrdersTopologyConfig(Set<CheckKind> requiredChecks, Duration validationTimeout, Duration punctuateInterval,
                                IgnoredEventCounter ignoredEvents) {
        this(requiredChecks, validationTimeout, punctuateInterval, ignoredEvents, null);
    }

    /** All three checks, 10 s timeout (60 s for the payment), checked every second, ignored events not counted. */
    public static OrdersTopologyConfig defaults() {
        return new OrdersTopologyConfig(EnumSet.allOf(CheckKind.class), DEFAULT_VALIDATION_TIMEOUT,
                DEFAULT_PUNCTUATE_INTERVAL, IgnoredEventCounter.NONE);
    }

    public OrdersTopologyConfig withRequiredChecks(Set<CheckKind> checks) {
        return new OrdersTopologyConfig(checks, validationTimeout, punctuateInterval, ignoredEvents, paymentTimeout);
    }

    public OrdersTopologyConfig withValidationTimeout(Duration timeout) {
        return new OrdersTopologyConfig(requiredChecks, timeout, punctuateInterval, ignoredEvents, paymentTimeout);
    }

    public OrdersTopologyConfig withPunctuateInterval(Duration interval) {
        return new OrdersTopologyConfig(requiredChecks, validationTimeout, interval, ignoredEvents, paymentTimeout);
    }

    public OrdersTopologyConfig withIgnoredEvents(IgnoredEventCounter counter) {
        return new OrdersTopologyConfig(requiredChecks, validationTimeout, punctuateInterval, counter, paymentTimeout);
    }

    public OrdersTopologyConfig withPaymentTimeout(Duration timeout) {
        return new OrdersTopologyConfig(requiredChecks, validationTimeout, punctuateInterval, ignoredEvents, timeout);
    }

    ValidationAggregator aggregator() {
        return new ValidationAggregator(requiredChecks, validationTimeout, paymentTimeout);
    }
}
