package com.eventshop.orders.config;

import com.eventshop.orders.domain.IgnoreReason;
import com.eventshop.orders.domain.IgnoredEventCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code eventshop.orders.ignored.events{reason=...}}: duplicate and out-of-order events the
 * order processor ignored. Every reason is registered up front, so dashboards see zeros.
 */
public final class MicrometerIgnoredEventCounter implements IgnoredEventCounter {

    public static final String METER_NAME = "eventshop.orders.ignored.events";

    private final Map<IgnoreReason, Counter> counters = new EnumMap<>(IgnoreReason.class);

    public MicrometerIgnoredEventCounter(MeterRegistry registry) {
        for (IgnoreReason reason : IgnoreReason.values()) {
            counters.put(reason, Counter.builder(METER_NAME)
                    .description("Events the order processor ignored (duplicates, out of order, not allowed)")
                    .tag("reason", reason.name())
                    .register(registry));
        }
    }

    @Override
    public void ignored(IgnoreReason reason) {
        counters.get(reason).increment();
    }
}
