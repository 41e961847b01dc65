package com.eventshop.orders.config;

import com.eventshop.contracts.tables.Order;
import com.eventshop.orders.api.OrderEventStreams;
import com.eventshop.orders.api.OrderLookup;
import com.eventshop.orders.api.OrderWaiters;
import com.eventshop.orders.api.OrderWriter;
import com.eventshop.orders.api.RecentOrderRequests;
import com.eventshop.orders.domain.IgnoredEventCounter;
import com.eventshop.orders.domain.OrderPlacement;
import com.eventshop.orders.domain.PriceList;
import com.eventshop.orders.streams.OrderViewFeed;
import com.eventshop.orders.streams.OrderViewHub;
import com.eventshop.orders.streams.OrdersTopology;
import com.eventshop.orders.streams.OrdersTopologyConfig;
import com.eventshop.platform.kafka.streams.EventshopTopology;
import com.eventshop.platform.kafka.streams.KeyOwnerForwarder;
import com.eventshop.platform.kafka.streams.StoreQueries;
import com.eventshop.platform.kafka.streams.StoreUnavailable;
import com.eventshop.platform.security.ServiceTokens;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import tools.jackson.databind.json.JsonMapper;

/** Wires the domain, the topology and the API of the orders service. */
@Configuration(proxyBeanMethods = false)
public class OrdersConfiguration {

    @Bean
    Clock ordersClock() {
        return Clock.systemUTC();
    }

    @Bean
    OrderPlacement orderPlacement(PriceList prices) { // PriceListConfiguration
        return new OrderPlacement(prices);
    }

    @Bean
    IgnoredEventCounter ignoredEventCounter(MeterRegistry registry) {
        return new MicrometerIgnoredEventCounter(registry);
    }

    @Bean
    OrdersTopologyConfig ordersTopologyConfig(OrdersProperties properties, IgnoredEventCounter ignored) {
        return new OrdersTopologyConfig(properties.getRequiredChecks(), properties.getValidationTimeout(),
                properties.getPunctuateInterval(), ignored, properties.getPaymentTimeout());
    }

    @Bean
    EventshopTopology ordersTopology(OrdersTopologyConfig config) {
        return (builder, settings) -> OrdersTopology.define(builder, config);
    }

    @Bean
    OrderViewHub orderViewHub() {
        return new OrderViewHub();
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    OrderViewFeed orderViewFeed(KafkaProperties kafka, OrderViewHub hub) {
        return new OrderViewFeed(kafka.buildConsumerProperties(), hub);
    }

    @Bean
    KeyOwnerForwarder orderOwnerForwarder(OrdersProperties properties, JsonMapper json, ServiceTokens tokens) {
        return new KeyOwnerForwarder(properties.getForwardConnectTimeout(), properties.getForwardReadTimeout(), tokens,
                json, new StoreUnavailable("Orders temporarily unavailable",
                        URI.create("urn:eventshop:problem:orders-unavailable"), properties.getRetryAfter()));
    }

    @Bean
    OrderLookup orderLookup(StreamsBuilderFactoryBean factory, KafkaStreamsInteractiveQueryService iq,
            KeyOwnerForwarder forwarder) {
        return new OrderLookup(StoreQueries.<Order>of(OrdersTopology.ORDERS_VIEW_STORE, factory, iq, forwarder));
    }

    @Bean
    OrderWriter orderWriter(KafkaTemplate<String, Object> kafka, OrdersProperties properties) {
        return new OrderWriter(kafka, properties.getSendTimeout());
    }

    @Bean
    RecentOrderRequests recentOrderRequests(Clock clock) {
        return new RecentOrderRequests(10_000, Duration.ofMinutes(10), clock);
    }

    /**
     * Long-poll deadlines, SSE heartbeats and SSE sends. Kept inside one bean rather than
     * exposed as Executor beans, which would displace Boot's application task executor.
     */
    static final class OrdersExecutors implements AutoCloseable {
        final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("orders-timer-"));
        final ThreadPoolExecutor sseSenders = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("orders-sse-"));

        OrdersExecutors() {
            timers.setRemoveOnCancelPolicy(true);
            sseSenders.allowCoreThreadTimeOut(true);
        }

        @Override
        public void close() {
            timers.shutdownNow();
            sseSenders.shutdownNow();
        }
    }

    @Bean(destroyMethod = "close")
    OrdersExecutors ordersExecutors() {
        return new OrdersExecutors();
    }

    @Bean
    OrderWaiters orderWaiters(OrderViewHub hub, OrdersExecutors executors, MeterRegistry registry) {
        OrderWaiters waiters = new OrderWaiters(hub, executors.timers);
        Gauge.builder("eventshop.orders.waiters", waiters, OrderWaiters::activeCount)
                .description("Long-polls waiting for an order state").register(registry);
        return waiters;
    }

    @Bean
    OrderEventStreams orderEventStreams(OrderViewHub hub, OrdersExecutors executors, OrdersProperties properties,
            MeterRegistry registry) {
        OrderEventStreams streams = new OrderEventStreams(hub, executors.timers, executors.sseSenders,
                properties.getSseTimeout(), properties.getSseHeartbeat());
        Gauge.builder("eventshop.orders.event.streams", streams, OrderEventStreams::openCount)
                .description("Open Server-Sent Events streams").register(registry);
        return streams;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
