package com.eventshop.orders.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A thread-safe {@link IgnoredEventCounter} that keeps the counts in memory. */
public final class InMemoryIgnoredEventCounter implements IgnoredEventCounter {

    private final Map<IgnoreReason, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void ignored(IgnoreReason reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public long count(IgnoreReason reason) {
        LongAdder adder = counts.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<IgnoreReason, Long> snapshot() {
        Map<IgnoreReason, Long> snapshot = new EnumMap<>(IgnoreReason.class);
        counts.forEach((reason, adder) -> snapshot.put(reason, adder.sum()));
        return snapshot;
    }
}
