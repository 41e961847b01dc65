package com.eventshop.contracts.serde;

import com.eventshop.contracts.TopicSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for the Avro records of one topic, in Avro single-object encoding: two marker
 * bytes, the 8-byte fingerprint of the writer schema, then the binary record. The fingerprint
 * tells the reader which record type and which version wrote the bytes, so one topic can carry
 * several event types (OrderValidated and OrderRejected) and older versions still decode.
 * Tombstones (null) pass through as null.
 */
public final class ContractSerde<T extends SpecificRecord> implements Serde<T> {

    private static final int HEADER_LENGTH = 10;

    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new HashMap<>();
    private final Map<String, BinaryMessageDecoder<SpecificRecord>> decodersByName = new HashMap<>();
    private final ContractSchemas schemas = ContractSchemas.get();

    /** A serde for every record type the topic may carry. */
    public static ContractSerde<SpecificRecord> forTopic(TopicSpec topic) {
        if (topic.valueTypes().isEmpty()) {
            throw new IllegalArgumentException(topic.name() + " carries raw bytes, not contract records");
        }
        return new ContractSerde<>(topic.valueTypes());
    }

    /** A serde for one record type, e.g. the Order view. */
    public static <R extends SpecificRecord> ContractSerde<R> of(Class<R> type) {
        return new ContractSerde<>(List.of(type));
    }

    private ContractSerde(List<? extends Class<? extends SpecificRecord>> types) {
        for (Class<? extends SpecificRecord> type : types) {
            SpecificData model = SpecificData.getForClass(type);
            Schema schema = model.getSchema(type);
            schemas.add(schema);
            encoders.put(type, new BinaryMessageEncoder<>(model, schema));
            decodersByName.put(schema.getFullName(), new BinaryMessageDecoder<>(model, schema, schemas));
        }
    }

    public byte[] encode(T record) {
        if (record == null) {
            return null;
        }
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.get(record.getClass());
        if (encoder == null) {
            throw new SerializationException(record.getClass().getSimpleName()
                    + " is not a record type of this topic; expected one of " + encoders.keySet());
        }
        try {
            return encoder.encode(record).array();
        } catch (IOException e) {
            throw new SerializationException("Cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < HEADER_LENGTH || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new SerializationException("Not an Avro single-object encoded record ("
                    + bytes.length + " bytes)");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = schemas.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new SerializationException("Unknown writer schema fingerprint "
                    + Long.toHexString(fingerprint) + ": written by a newer, unreleased contract?");
        }
        BinaryMessageDecoder<SpecificRecord> decoder = decodersByName.get(writer.getFullName());
        if (decoder == null) {
            throw new SerializationException(writer.getFullName()
                    + " is not a record type of this topic; expected one of " + decodersByName.keySet());
        }
        try {
            return (T) decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + writer.getFullName(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> encode(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> decode(data);
    }
}
