package com.eventshop.platform.kafka;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The default value deserializer of Eventshop listeners (behind Spring's ErrorHandlingDeserializer):
 * a catalogued topic's bytes decode to its contract record types with {@link ContractSerde}; a
 * topic the catalogue gives no record types (dead-letter topics) or does not know yields the raw
 * {@code byte[]}. Bytes that are not a record of the topic throw, and the record is dead-lettered.
 */
public class ContractDeserializer implements Deserializer<Object> {

    private final Map<String, Optional<ContractSerde<SpecificRecord>>> byTopic = new ConcurrentHashMap<>();

    @Override
    public Object deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        Optional<ContractSerde<SpecificRecord>> serde = byTopic.computeIfAbsent(topic, name ->
                Topics.byName(name).filter(t -> !t.valueTypes().isEmpty()).map(ContractSerde::forTopic));
        return serde.<Object>map(s -> s.decode(data)).orElse(data);
    }
}
