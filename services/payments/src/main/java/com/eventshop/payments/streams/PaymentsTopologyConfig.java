package com.eventshop.payments.streams;

import com.eventshop.payments.domain.PaymentProvider;
import com.eventshop.payments.domain.RetryPolicy;
import com.eventshop.payments.domain.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings of the payments topology.
 *
 * @param provider            the payment provider adapter
 * @param retry               retries of transient provider failures (default 3 after 20/40/80 ms)
 * @param sleeper             how to wait between retries (tests pass one that does not sleep)
 * @param refundRetryInterval how often (wall clock) refunds that failed transiently are tried again
 * @param persistentStores    RocksDB stores (true) or in-memory stores (tests, demos)
 * @param providerCalls       where authorisations run, off the stream thread, so a provider's latency
 *                            never holds up the partition (a thread pool in the service; tests may run
 *                            them in place)
 * @param answerCheckInterval how often (wall clock) answers of the provider are collected when no
 *                            record arrives to collect them
 */
public record PaymentsTopologyConfig(PaymentProvider provider, RetryPolicy retry, Sleeper sleeper,
                                     Duration refundRetryInterval, boolean persistentStores,
                                     Executor providerCalls, Duration answerCheckInterval) {

    /** Runs each provider call on the calling thread: answers are recorded at once (tests). */
    public static final Executor IN_PLACE = Runnable::run;

    public PaymentsTopologyConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(providerCalls, "providerCalls");
        if (refundRetryInterval.isNegative() || refundRetryInterval.isZero()) {
            throw new IllegalArgumentException("refundRetryInterval must be positive");
        }
        if (answerCheckInterval.isNegative() || answerCheckInterval.isZero()) {
            throw new IllegalArgumentException("answerCheckInterval must be positive");
        }
    }

    public static PaymentsTopologyConfig defaults(PaymentProvider provider) {
        return new PaymentsTopologyConfig(provider, RetryPolicy.defaults(), Sleeper.THREAD, Duration.ofSeconds(30), true,
                IN_PLACE, Duration.ofMillis(5));
    }

    public PaymentsTopologyConfig withRetry(RetryPolicy newRetry, Sleeper newSleeper) {
        return new PaymentsTopologyConfig(provider, newRetry, newSleeper, refundRetryInterval, persistentStores,
                providerCalls, answerCheckInterval);
    }

    public PaymentsTopologyConfig withPersistentStores(boolean persistent) {
        return new PaymentsTopologyConfig(provider, retry, sleeper, refundRetryInterval, persistent,
                providerCalls, answerCheckInterval);
    }

    public PaymentsTopologyConfig withProviderCalls(Executor executor) {
        return new PaymentsTopologyConfig(provider, retry, sleeper, refundRetryInterval, persistentStores,
                executor, answerCheckInterval);
    }
}
