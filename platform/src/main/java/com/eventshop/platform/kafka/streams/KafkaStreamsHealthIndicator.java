package com.eventshop.platform.kafka.streams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Readiness of a service's Kafka Streams: UP while every KafkaStreams instance is RUNNING or
 * REBALANCING (a rebalance is routine and short; state stays queryable on standbys), DOWN when
 * not started, shutting down or failed. A service without a topology is UP ("topology: none"),
 * so the readiness group can always include {@code kafkaStreams}.
 */
public class KafkaStreamsHealthIndicator implements HealthIndicator {

    private final ObjectProvider<StreamsBuilderFactoryBean> factories;

    public KafkaStreamsHealthIndicator(ObjectProvider<StreamsBuilderFactoryBean> factories) {
        this.factories = factories;
    }

    @Override
    public Health health() {
        List<StreamsBuilderFactoryBean> all = factories.orderedStream().toList();
        if (all.isEmpty()) {
            return Health.up().withDetail("topology", "none").build();
        }
        boolean up = true;
        Map<String, Object> states = new LinkedHashMap<>();
        int i = 0;
        for (StreamsBuilderFactoryBean factory : all) {
            KafkaStreams streams = factory.getKafkaStreams();
            KafkaStreams.State state = streams == null ? null : streams.state();
            up &= state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
            Object applicationId = factory.getStreamsConfiguration() == null ? null
                    : factory.getStreamsConfiguration().get("application.id");
            states.put(applicationId != null ? applicationId.toString() : "streams-" + i,
                    state == null ? "NOT_STARTED" : state.name());
            i++;
        }
        return (up ? Health.up() : Health.down()).withDetails(states).build();
    }
}
