package com.eventshop.platform.kafka;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * The default value serializer of Eventshop producers, driven by the topic catalogue: a contract
 * record sent to a catalogued topic is encoded with that topic's {@link ContractSerde} (a record
 * type the topic does not carry is refused); other values pass as raw bytes ({@code byte[]},
 * {@link Bytes}) or UTF-8 ({@code String}), which is what dead-letter and uncatalogued topics
 * carry. Also used for keys of dead letters (String or raw bytes).
 */
public class ContractSerializer implements Serializer<Object> {

    private final Map<String, ContractSerde<SpecificRecord>> byTopic = new ConcurrentHashMap<>();
    private final Map<Class<?>, ContractSerde<SpecificRecord>> byType = new ConcurrentHashMap<>();

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        if (data instanceof Bytes bytes) {
            return bytes.get();
        }
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (data instanceof SpecificRecord record) {
            return serdeFor(topic, record).encode(record);
        }
        throw new SerializationException("Cannot write a " + data.getClass().getName() + " to " + topic
                + ": Eventshop topics carry contract records (com.eventshop.contracts), bytes or text");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ContractSerde<SpecificRecord> serdeFor(String topic, SpecificRecord record) {
        TopicSpec spec = Topics.byName(topic).filter(t -> !t.valueTypes().isEmpty()).orElse(null);
        if (spec != null) {
            return byTopic.computeIfAbsent(topic, t -> ContractSerde.forTopic(spec));
        }
        return byType.computeIfAbsent(record.getClass(), type -> (ContractSerde) ContractSerde.of((Class) type));
    }
}
