package com.eventshop.orders.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Collects the check results of an order and decides it once all required checks are in, or
 * when its deadline passes with some missing. Pure: state comes in and goes out as
 * {@link PendingValidation} values.
 */
public final class ValidationAggregator {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PAYMENT_TIMEOUT = Duration.ofSeconds(60);

    private final Set<CheckKind> required;
    private final Duration timeout;
    private final Duration paymentTimeout;

    public ValidationAggregator(Set<CheckKind> required, Duration timeout) {
        this(required, timeout, timeout.compareTo(DEFAULT_PAYMENT_TIMEOUT) > 0 ? timeout : DEFAULT_PAYMENT_TIMEOUT);
    }

    /**
     * @param paymentTimeout how long after the order was placed a payment is still waited for once
     *                       every other check is in (at least {@code timeout})
     */
    public ValidationAggregator(Set<CheckKind> required, Duration timeout, Duration paymentTimeout) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(paymentTimeout, "paymentTimeout");
        this.paymentTimeout = paymentTimeout.compareTo(timeout) < 0 ? timeout : paymentTimeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("validation timeout must be positive: " + timeout);
        }
        this.required = required.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(CheckKind.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(required));
        this.timeout = timeout;
    }

    /** Every check (inventory, fraud, payment), ten seconds. */
    public static ValidationAggregator defaults() {
        return new ValidationAggregator(EnumSet.allOf(CheckKind.class), DEFAULT_TIMEOUT);
    }

    public Set<CheckKind> requiredChecks() {
        return required;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Validation starts for an order that just arrived: it waits for the configured checks
     * until {@code now + timeout}. Results that arrived before the order are kept.
     */
    public PendingValidation start(String orderId, PendingValidation early, Instant now) {
        Map<CheckKind, CheckResult> results = early == null ? Map.of() : early.results();
        Map<CheckKind, CheckResult> kept = new java.util.EnumMap<>(CheckKind.class);
        results.forEach((kind, result) -> {
            if (required.contains(kind)) {
                kept.put(kind, result);
            }
        });
        return new PendingValidation(orderId, required, kept, now.plus(timeout));
    }

    /** An entry for checks that arrive before their order; dropped at its deadline if the order never comes. */
    public PendingValidation awaitOrder(String orderId, Instant now) {
        return new PendingValidation(orderId, required, Map.of(), now.plus(timeout));
    }

    /** Records one check result. */
    public Added add(PendingValidation pending, CheckResult result) {
        if (!pending.required().contains(result.kind())) {
            return new Added.NotRequired();
        }
        if (pending.has(result.kind())) {
            return new Added.Duplicate(pending.results().get(result.kind()));
        }
        return new Added.Recorded(pending.with(result));
    }

    public boolean isExpired(PendingValidation pending, Instant now) {
        return !now.isBefore(pending.deadline());
    }

    public Duration paymentTimeout() {
        return paymentTimeout;
    }

    /**
     * At the deadline, an order that misses nothing but its payment waits longer, until
     * {@code placedAt + paymentTimeout}: the payment depends on a provider outside, which may be
     * slow or down for a moment, and a customer would rather wait than be rejected for it.
     *
     * @return the validation with its later deadline, or empty when it is due now
     */
    public java.util.Optional<PendingValidation> waitLongerForPayment(PendingValidation pending, Instant placedAt,
                                                                       Instant now) {
        boolean onlyPaymentMissing = pending.required().contains(CheckKind.PAYMENT) && !pending.has(CheckKind.PAYMENT)
                && pending.results().keySet().containsAll(
                        pending.required().stream().filter(kind -> kind != CheckKind.PAYMENT).toList());
        Instant paymentDeadline = placedAt.plus(paymentTimeout);
        if (onlyPaymentMissing && now.isBefore(paymentDeadline) && pending.deadline().isBefore(paymentDeadline)) {
            return java.util.Optional.of(pending.withDeadline(paymentDeadline));
        }
        return java.util.Optional.empty();
    }

    /**
     * The verdict from what has arrived: passed only if every required check arrived and
     * passed; otherwise every failure reason in check order, and {@code CHECK_TIMEOUT: <check>}
     * for each required check that is missing.
     */
    public Verdict verdict(PendingValidation pending) {
        List<String> reasons = new ArrayList<>();
        boolean otherFailed = false;
        for (CheckKind kind : CheckKind.values()) {
            if (!pending.required().contains(kind)) {
                continue;
            }
            CheckResult result = pending.results().get(kind);
            if (result == null) {
                reasons.add(CheckResult.timeout(kind));
            } else if (!result.passed()) {
                reasons.addAll(result.reasons().isEmpty()
                        ? List.of(kind.name() + ": check failed") : result.reasons());
            }
            if ((result == null || !result.passed()) && kind != CheckKind.PAYMENT) {
                otherFailed = true;
            }
        }
        CheckResult inventory = pending.results().get(CheckKind.INVENTORY);
        boolean inventoryReserved = inventory != null && inventory.passed();
        CheckResult payment = pending.results().get(CheckKind.PAYMENT);
        boolean onlyPaymentFailed = !otherFailed && payment != null && !payment.passed();
        return new Verdict(reasons.isEmpty(), reasons, inventoryReserved,
                payment == null ? null : payment.reference(), onlyPaymentFailed);
    }

    /** What {@link #add} did. */
    public sealed interface Added {
        /** The result was recorded. */
        record Recorded(PendingValidation pending) implements Added {
        }

        /** A result of this kind is already recorded; nothing changes. */
        record Duplicate(CheckResult existing) implements Added {
        }

        /** This kind of check is not one the order waits for. */
        record NotRequired() implements Added {
        }
    }
}
