package com.eventshop.platform.kafka.streams;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.serde.ContractSerde;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What a service needs to write its topology against the topic catalogue: String keys (every
 * Eventshop topic is keyed by the entity id) and {@link ContractSerde} values.
 *
 * <pre>{@code
 * builder.stream(Topics.ORDER_REQUESTED.name(), settings.consumed(Topics.ORDER_REQUESTED, OrderRequested.class))
 *        .mapValues(...)
 *        .to(Topics.INVENTORY_CHECKS.name(), settings.produced(Topics.INVENTORY_CHECKS, InventoryChecked.class));
 * }</pre>
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

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** A serde for every record type the topic carries (branch on the record's class). */
    public Serde<SpecificRecord> valueSerde(TopicSpec topic) {
        return ContractSerde.forTopic(topic);
    }

    /** A serde for one record type, e.g. a state store of {@code Order}. */
    public <R extends SpecificRecord> Serde<R> valueSerde(Class<R> type) {
        return ContractSerde.of(type);
    }

    /** Reads a topic with every record type it carries. */
    public Consumed<String, SpecificRecord> consumed(TopicSpec topic) {
        return Consumed.with(keySerde(), valueSerde(topic));
    }

    /** Reads a topic that carries exactly this one record type. */
    public <R extends SpecificRecord> Consumed<String, R> consumed(TopicSpec topic, Class<R> type) {
        requireOnlyType(topic, type);
        return Consumed.with(keySerde(), valueSerde(type));
    }

    /** Writes to a topic; records of a type the topic does not carry are refused. */
    public Produced<String, SpecificRecord> produced(TopicSpec topic) {
        return Produced.with(keySerde(), valueSerde(topic));
    }

    /** Writes one record type to a topic that carries it. */
    public <R extends SpecificRecord> Produced<String, R> produced(TopicSpec topic, Class<R> type) {
        if (!topic.valueTypes().contains(type)) {
            throw new IllegalArgumentException(topic.name() + " does not carry " + type.getSimpleName()
                    + "; it carries " + topic.valueTypes());
        }
        return Produced.with(keySerde(), valueSerde(type));
    }

    /** A named, queryable key-value store of one record type (String keys). */
    public <R extends SpecificRecord> Materialized<String, R, KeyValueStore<Bytes, byte[]>> materialized(
            String storeName, Class<R> type) {
        return Materialized.<String, R, KeyValueStore<Bytes, byte[]>>as(storeName)
                .withKeySerde(keySerde())
                .withValueSerde(valueSerde(type));
    }

    private static void requireOnlyType(TopicSpec topic, Class<?> type) {
        if (!topic.valueTypes().equals(List.of(type))) {
            throw new IllegalArgumentException(topic.name() + " carries " + topic.valueTypes()
                    + ", not only " + type.getSimpleName() + ": use consumed(topic) and branch on the type");
        }
    }
}
