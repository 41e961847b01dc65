package com.eventshop.platform.kafka.streams;

import java.util.Collections;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the platform tells a service's topology about the application it runs in: the service
 * name, the Streams application id, the dead-letter topic and the effective Streams
 * configuration. Serdes come from the topic catalogue ({@code ContractSerde.forTopic(topic)}).
 */
public final class StreamsSettings {

    private final String serviceName;
    private final String deadLetterTopic;
    private final Map<String, Object> streamsConfig;

    public StreamsSettings(String serviceName, String deadLetterTopic, Map<String, Object> streamsConfig) {
        this.serviceName = serviceName;
        this.deadLetterTopic = deadLetterTopic;
        this.streamsConfig = Collections.unmodifiableMap(streamsConfig);
    }

    /** {@code spring.application.name}, e.g. {@code orders}. */
    public String serviceName() {
        return serviceName;
    }

    /** The Kafka Streams application id (default {@code eventshop-<service>}). */
    public String applicationId() {
        return String.valueOf(streamsConfig.get(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    /** Where records that cannot be deserialised go, {@code dlt.<service>}. */
    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** The effective Kafka Streams configuration the service runs with. */
    public Map<String, Object> streamsConfig() {
        return streamsConfig;
    }
}
