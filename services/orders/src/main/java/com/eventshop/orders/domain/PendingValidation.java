package com.eventshop.orders.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validation in progress for one order: which checks it waits for, which arrived with what
 * result, and the wall-clock deadline after which the missing ones reject it.
 *
 * <p>A check can arrive before its order (the checkers react to the same request the orders
 * processor reads, and nothing orders records across topics with equal timestamps); such an
 * early entry is kept until the order arrives or its deadline passes.
 */
public record PendingValidation(
        String orderId,
        Set<CheckKind> required,
        Map<CheckKind, CheckResult> results,
        Instant deadline) {

    public PendingValidation {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(deadline, "deadline");
        required = required.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(CheckKind.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(required));
        EnumMap<CheckKind, CheckResult> copy = new EnumMap<>(CheckKind.class);
        copy.putAll(results);
        results = Collections.unmodifiableMap(copy);
    }

    public boolean has(CheckKind kind) {
        return results.containsKey(kind);
    }

    /** Whether every required check arrived. */
    public boolean complete() {
        return results.keySet().containsAll(required);
    }

    PendingValidation withDeadline(Instant later) {
        return new PendingValidation(orderId, required, results, later);
    }

    PendingValidation with(CheckResult result) {
        EnumMap<CheckKind, CheckResult> next = new EnumMap<>(CheckKind.class);
        next.putAll(results);
        next.put(result.kind(), result);
        return new PendingValidation(orderId, required, next, deadline);
    }
}
