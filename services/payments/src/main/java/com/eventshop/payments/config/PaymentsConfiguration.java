package com.eventshop.payments.config;

import com.eventshop.payments.domain.PaymentProvider;
import com.eventshop.payments.domain.SimulatedPaymentProvider;
import com.eventshop.payments.domain.Sleeper;
import com.eventshop.payments.streams.PaymentsTopology;
import com.eventshop.payments.streams.PaymentsTopologyConfig;
import com.eventshop.payments.streams.internal.PaymentRecord;
import com.eventshop.platform.kafka.streams.EventshopTopology;
import com.eventshop.platform.kafka.streams.KeyOwnerForwarder;
import com.eventshop.platform.kafka.streams.StoreQueries;
import com.eventshop.platform.kafka.streams.StoreUnavailable;
import com.eventshop.platform.security.ServiceTokens;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import tools.jackson.databind.json.JsonMapper;

/** The payment provider adapter, payments' topology on the service's StreamsBuilder and queries of its store. */
@Configuration(proxyBeanMethods = false)
public class PaymentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

    /** The simulated provider, unless a real adapter is configured as a PaymentProvider bean. */
    @Bean
    @ConditionalOnMissingBean(PaymentProvider.class)
    PaymentProvider simulatedPaymentProvider(PaymentsProperties properties) {
        SimulatedPaymentProvider.Settings settings = properties.simulated().settings();
        log.info("Using the simulated payment provider: {}", settings);
        return new SimulatedPaymentProvider(settings);
    }

    /**
     * Threads that wait for the provider, so its latency never holds up a stream thread. A thread
     * per call under way: a real adapter blocks on HTTP as the simulated one sleeps.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService paymentProviderCalls(PaymentsProperties properties) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(properties.providerCalls(), task -> {
            Thread thread = new Thread(task, "payment-provider-call-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    EventshopTopology paymentsTopology(PaymentProvider provider, PaymentsProperties properties,
                                       ExecutorService paymentProviderCalls) {
        PaymentsTopologyConfig config = new PaymentsTopologyConfig(provider, properties.retry().policy(),
                Sleeper.THREAD, properties.refundRetryInterval(), true, paymentProviderCalls,
                properties.answerCheckInterval());
        return (builder, settings) -> PaymentsTopology.define(builder, config);
    }

    /** The payment of an order, from this instance's store or forwarded to the instance that owns it. */
    @Bean
    StoreQueries<PaymentRecord> paymentQueries(StreamsBuilderFactoryBean factory, KafkaStreamsInteractiveQueryService iq,
            PaymentsProperties properties, ServiceTokens tokens, JsonMapper json) {
        return StoreQueries.of(PaymentsTopology.PAYMENTS_STORE, factory, iq, new KeyOwnerForwarder(
                properties.forwardTimeout(), properties.forwardTimeout(), tokens, json,
                new StoreUnavailable("Payment temporarily unavailable")));
    }
}
