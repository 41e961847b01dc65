package com.eventshop.payments.streams;

import com.eventshop.payments.domain.PaymentProvider;
import com.eventshop.payments.domain.RetryPolicy;
import com.eventshop.payments.domain.Sleeper;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the payments topology.
 *
 * @param provider            the payment provider adapter
 * @param retry               retries of transient provider failures (default 3 after 20/40/80 ms)
 * @param sleeper             how to wait between retries (tests pass one that does not sleep)
 * @param refundRetryInterval how often (wall clock) refunds that failed transiently are tried again
 * @param persistentStores    RocksDB stores (true) or in-memory stores (tests, demos)
 */
public record PaymentsTopologyConfig(PaymentProvider provider, RetryPolicy retry, Sleeper sleeper,
                                     Duration refundRetryInterval, boolean persistentStores) {

    public PaymentsTopologyConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(sleeper, "sleeper");
        if (refundRetryInterval.isNegative() || refundRetryInterval.isZero()) {
            throw new IllegalArgumentException("refundRetryInterval must be positive");
        }
    }

    public static PaymentsTopologyConfig defaults(PaymentProvider provider) {
        return new PaymentsTopologyConfig(provider, RetryPolicy.defaults(), Sleeper.THREAD, Duration.ofSeconds(30), true);
    }

    public PaymentsTopologyConfig withRetry(RetryPolicy newRetry, Sleeper newSleeper) {
        return new PaymentsTopologyConfig(provider, newRetry, newSleeper, refundRetryInterval, persistentStores);
    }

    public PaymentsTopologyConfig withPersistentStores(boolean persistent) {
        return new PaymentsTopologyConfig(provider, retry, sleeper, refundRetryInterval, persistent);
    }
}
