package com.eventshop.orders.it;

import com.eventshop.orders.OrdersApplication;
import com.eventshop.orders.api.OrderEventStreams;
import com.eventshop.orders.api.OrderWaiters;
import com.eventshop.orders.streams.OrderViewFeed;
import com.eventshop.orders.streams.OrderViewHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** One running orders service (a Spring context with its own port and state directory). */
final class OrdersInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private OrdersInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static OrdersInstance start(TestKafka kafka, Path stateDir, Map<String, String> extra) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        props.put("spring.kafka.streams.state-dir", stateDir.toString());
        props.put("EVENTSHOP_LOG_FORMAT", "plain");
        props.put("management.endpoint.health.show-details", "always");
        // Tokens are verified against the test JVM's signer; forwarding between instances uses a service token.
        props.put("eventshop.security.jwks-uri", com.eventshop.devinfra.TestTokens.shared().jwksUri());
        props.put("eventshop.security.service-token", com.eventshop.devinfra.TestTokens.shared().service("orders"));
        props.put("eventshop.orders.price-source", "demo"); // these tests run without a catalog
        // The API tests play inventory, fraud and payments themselves, along the v1 path (validated,
        // then paid) that orders keeps for orders in flight across the upgrade; the v2 path (payment
        // as a third check) is covered by OrdersTopologyTest and the flow tests with real services.
        props.put("eventshop.orders.required-checks", "INVENTORY,FRAUD");
        props.putAll(extra);
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OrdersApplication.class)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties(Map.of("spring.config.name", OrdersApplication.CONFIG_NAME))
                .run(args);
        OrdersInstance instance = new OrdersInstance(context);
        instance.awaitRunning(Duration.ofSeconds(60));
        return instance;
    }

    void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!bean(OrderViewFeed.class).awaitReady(timeout)) {
            throw new IllegalStateException("order view feed not ready");
        }
        while (streams() == null || streams().state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka Streams not RUNNING: "
                        + (streams() == null ? "not started" : streams().state()));
            }
            Thread.sleep(100);
        }
    }

    KafkaStreams streams() {
        return bean(StreamsBuilderFactoryBean.class).getKafkaStreams();
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    int waiters() {
        return bean(OrderWaiters.class).activeCount();
    }

    int subscribers() {
        return bean(OrderViewHub.class).subscriberCount();
    }

    int eventStreams() {
        return bean(OrderEventStreams.class).openCount();
    }

    @Override
    public void close() {
        context.close();
    }
}
