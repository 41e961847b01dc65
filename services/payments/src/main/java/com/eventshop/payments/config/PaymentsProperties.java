package com.eventshop.payments.config;

import com.eventshop.payments.domain.RetryPolicy;
import com.eventshop.payments.domain.SimulatedPaymentProvider;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code eventshop.payments.*}.
 *
 * @param simulated           the simulated provider
 * @param retry               retries of transient provider failures
 * @param refundRetryInterval how often refunds that failed transiently are tried again
 * @param forwardTimeout      timeout of a query forwarded to the instance that owns an order
 * @param providerCalls       most provider calls under way at once in this instance (threads)
 * @param answerCheckInterval how often provider answers are collected when no record arrives
 */
@ConfigurationProperties("eventshop.payments")
public record PaymentsProperties(
        @DefaultValue Simulated simulated,
        @DefaultValue Retry retry,
        @DefaultValue("30s") Duration refundRetryInterval,
        @DefaultValue("2s") Duration forwardTimeout,
        @DefaultValue("64") int providerCalls,
        @DefaultValue("5ms") Duration answerCheckInterval) {

    /**
     * {@code eventshop.payments.simulated.*}.
     *
     * @param latencyMinMs                shortest answer time (ms)
     * @param latencyMaxMs                longest answer time (ms)
     * @param declineAboveCents           amounts above are declined
     * @param declinedCustomerIds         "test card" customers that are always declined
     * @param transientFailureProbability chance a call fails transiently, 0..1
     * @param seed                        random seed (latency, failures); unset for a random one
     */
    public record Simulated(
            @DefaultValue("0") long latencyMinMs,
            @DefaultValue("0") long latencyMaxMs,
            @DefaultValue("1000000") long declineAboveCents,
            @DefaultValue("test-card-declined") Set<String> declinedCustomerIds,
            @DefaultValue("0.0") double transientFailureProbability,
            Long seed) {

        public SimulatedPaymentProvider.Settings settings() {
            return new SimulatedPaymentProvider.Settings(latencyMinMs, latencyMaxMs, declineAboveCents,
                    declinedCustomerIds, transientFailureProbability, seed);
        }
    }

    /**
     * {@code eventshop.payments.retry.*}.
     *
     * @param maxRetries     retries after the first attempt
     * @param initialBackoff wait before the first retry
     * @param multiplier     growth of the wait per retry
     */
    public record Retry(
            @DefaultValue("3") int maxRetries,
            @DefaultValue("20ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier) {

        public RetryPolicy policy() {
            return new RetryPolicy(maxRetries, initialBackoff, multiplier);
        }
    }
}
