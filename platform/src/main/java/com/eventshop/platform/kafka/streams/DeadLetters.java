package com.eventshop.platform.kafka.streams;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.serde.ContractSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a contract topic as raw bytes and decodes it in the topology: a record that does not
 * decode (garbage, an unknown schema, a type that does not belong on the topic) goes to the
 * service's dead-letter topic with its original key, bytes and headers plus headers saying where
 * it came from and why, and processing goes on. Unlike a deserialization exception handler, the
 * dead letter is written in the task's transaction (exactly once) and works in TopologyTestDriver.
 */
public final class DeadLetters {

    // The header names spring-kafka's DeadLetterPublishingRecoverer and the platform use, so every
    // dead letter of Eventshop reads the same: partition as 4-byte int, offset/timestamp as 8-byte long.
    public static final String HEADER_TOPIC = "kafka_dlt-original-topic";
    public static final String HEADER_PARTITION = "kafka_dlt-original-partition";
    public static final String HEADER_OFFSET = "kafka_dlt-original-offset";
    public static final String HEADER_TIMESTAMP = "kafka_dlt-original-timestamp";
    public static final String HEADER_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    public static final String HEADER_EXCEPTION = "kafka_dlt-exception-fqcn";
    public static final String HEADER_MESSAGE = "kafka_dlt-exception-message";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    /** Undecodable bytes on their way to the dead-letter topic. */
    record Poison(byte[] payload) {
    }

    /** The decoded records of a topic; poison goes to {@code deadLetterTopic}. */
    public static KStream<String, SpecificRecord> source(StreamsBuilder builder, TopicSpec topic,
                                                         String deadLetterTopic) {
        ContractSerde<SpecificRecord> serde = ContractSerde.forTopic(topic);
        String name = topic.name();
        Map<String, KStream<String, Object>> branches = builder
                .stream(name, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-" + name))
                .processValues(() -> new Decoder(serde), Named.as("decode-" + name))
                .split(Named.as("decoded-" + name + "-"))
                .branch((key, value) -> value instanceof Poison, Branched.as("poison"))
                .defaultBranch(Branched.as("ok"));
        branches.get("decoded-" + name + "-poison")
                .mapValues(value -> ((Poison) value).payload(), Named.as("poison-bytes-" + name))
                .to(deadLetterTopic, Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("dead-letter-" + name));
        return branches.get("decoded-" + name + "-ok")
                .mapValues(value -> (SpecificRecord) value, Named.as("decoded-" + name));
    }

    private static final class Decoder implements FixedKeyProcessor<String, byte[], Object> {
        private final ContractSerde<SpecificRecord> serde;
        private FixedKeyProcessorContext<String, Object> context;

        Decoder(ContractSerde<SpecificRecord> serde) {
            this.serde = serde;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Object> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            if (record.value() == null) {
                return; // a tombstone on an event topic means nothing
            }
            SpecificRecord decoded;
            try {
                decoded = serde.decode(record.value());
            } catch (RuntimeException e) {
                Headers headers = new RecordHeaders(record.headers().toArray());
                context.recordMetadata().ifPresent(m -> {
                    headers.add(HEADER_TOPIC, bytes(m.topic()));
                    headers.add(HEADER_PARTITION, ByteBuffer.allocate(4).putInt(m.partition()).array());
                    headers.add(HEADER_OFFSET, ByteBuffer.allocate(8).putLong(m.offset()).array());
                });
                headers.add(HEADER_TIMESTAMP, ByteBuffer.allocate(8).putLong(record.timestamp()).array());
                headers.add(HEADER_CONSUMER_GROUP, bytes(context.applicationId()));
                headers.add(HEADER_EXCEPTION, bytes(e.getClass().getName()));
                headers.add(HEADER_MESSAGE, bytes(String.valueOf(e.getMessage())));
                log.warn("Dead-lettering an unreadable record (key {}) from {}: {}", record.key(),
                        context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                                .orElse("?"), e.toString());
                context.forward(record.<Object>withValue(new Poison(record.value())).withHeaders(headers));
                return;
            }
            if (decoded != null) {
                context.forward(record.withValue(decoded));
            }
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
