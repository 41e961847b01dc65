package com.eventshop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.Service;
import com.eventshop.contracts.Topics;
import com.eventshop.platform.config.EventshopDefaultsEnvironmentPostProcessor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.boot.context.properties.bind.Binder;
import com.eventshop.platform.web.EventshopHttpProperties;
import org.springframework.core.env.StandardEnvironment;

/** The defaults are the weakest source: the service and the deployment override any of them. */
class EventshopDefaultsTest {

    @Test
    void defaultsApplyAndEnvironmentVariablesFeedThem() {
        StandardEnvironment env = environment(Map.of("spring.application.name", "orders",
                "KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092",
                "EVENTSHOP_DATA_DIR", "/var/lib/eventshop",
                "EVENTSHOP_REPLICATION_FACTOR", "3",
                "EVENTSHOP_ADVERTISED_HOST", "orders-0.orders",
                "EVENTSHOP_KAFKA_COMPRESSION", "zstd",
                "server.port", "8081"));
        assertThat(env.getProperty("spring.kafka.producer.compression-type")).isEqualTo("zstd");
        assertThat(env.getProperty("spring.kafka.streams.properties.producer.compression.type")).isEqualTo("zstd");
        assertThat(env.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(env.getProperty("spring.kafka.streams.state-dir")).isEqualTo("/var/lib/eventshop/state/orders");
        assertThat(env.getProperty("spring.kafka.streams.replication-factor")).isEqualTo("3");
        assertThat(env.getProperty("spring.kafka.streams.properties.application.server")).isEqualTo("orders-0.orders:8081");
        assertThat(env.getProperty("spring.kafka.streams.properties.commit.interval.ms")).isEqualTo("100");
        assertThat(env.getProperty("eventshop.kafka.dead-letter-topic"))
                .isEqualTo(Topics.deadLetterTopic(Service.ORDERS).name());
    }

    @Test
    void withoutEnvironmentTheLocalDefaultsApply() {
        StandardEnvironment env = environment(Map.of("spring.application.name", "fraud"));
        assertThat(env.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("localhost:9092");
        assertThat(env.getProperty("spring.kafka.streams.state-dir")).isEqualTo("./data/state/fraud");
        assertThat(env.getProperty("spring.kafka.streams.replication-factor")).isEqualTo("-1");
        assertThat(env.getProperty("spring.kafka.streams.properties.application.server")).isEqualTo("localhost:8080");
        assertThat(env.getProperty("spring.kafka.streams.properties.producer.compression.type")).isEqualTo("none");
        assertThat(env.getProperty("spring.kafka.streams.properties.producer.retry.backoff.ms")).isEqualTo("2");
    }

    @Test
    void anyServiceSettingWins() {
        StandardEnvironment env = environment(Map.of("spring.application.name", "orders",
                "spring.kafka.producer.acks", "1",
                "spring.kafka.streams.application-id", "orders-v2",
                "spring.kafka.streams.properties.processing.guarantee", "at_least_once"));
        assertThat(env.getProperty("spring.kafka.producer.acks")).isEqualTo("1");
        assertThat(env.getProperty("spring.kafka.streams.application-id")).isEqualTo("orders-v2");
        assertThat(env.getProperty("spring.kafka.streams.properties.processing.guarantee")).isEqualTo("at_least_once");
        assertThat(env.getProperty("spring.kafka.consumer.isolation-level")).isEqualTo("read_committed");
        assertThat(env.getPropertySources().stream().reduce((a, b) -> b).orElseThrow().getName())
                .isEqualTo(EventshopDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
    }

    @Test
    void httpLimitsBindFromEnvironmentVariables() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", Map.of(
                "EVENTSHOP_HTTP_MAX_BODY_BYTES", "1MB", "EVENTSHOP_HTTP_REJECT_UNKNOWN_FIELDS", "false")));
        EventshopHttpProperties http = Binder.get(env).bind("eventshop.http", EventshopHttpProperties.class).get();
        assertThat(http.getMaxBodyBytes().toBytes()).isEqualTo(1024 * 1024);
        assertThat(http.isRejectUnknownFields()).isFalse();
        assertThat(new EventshopHttpProperties().getMaxBodyBytes().toBytes()).isEqualTo(65536);
    }

    private static StandardEnvironment environment(Map<String, Object> service) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("service", new HashMap<>(service)));
        new EventshopDefaultsEnvironmentPostProcessor(new DeferredLogs())
                .postProcessEnvironment(env, new SpringApplication());
        return env;
    }
}
