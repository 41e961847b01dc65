package com.eventshop.platform.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Writes records a service cannot process to its own dead-letter topic {@code dlt.<service>},
 * with the original key and value bytes and the headers spring-kafka's
 * {@link DeadLetterPublishingRecoverer} uses ({@code kafka_dlt-original-topic}, partition, offset,
 * timestamp, consumer group, exception class and message), so the ops service reads one format
 * whether the record came from a listener or from a Kafka Streams topology.
 *
 * <p>It has its own non-transactional idempotent producer (acks=all): a dead letter is written
 * at least once, before the failed record's offset is committed.
 */
public class DeadLetterPublisher implements DisposableBean {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final DefaultKafkaProducerFactory<Object, Object> producerFactory;
    private final KafkaTemplate<Object, Object> template;

    public DeadLetterPublisher(String topic, Map<String, Object> producerProperties) {
        this.topic = topic;
        Map<String, Object> props = new HashMap<>(producerProperties);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, topic + "-publisher");
        ContractSerializer serializer = new ContractSerializer();
        this.producerFactory = new DefaultKafkaProducerFactory<>(props, serializer, serializer);
        this.template = new KafkaTemplate<>(producerFactory);
    }

    /** The dead-letter topic, {@code dlt.<service>}. */
    public String topic() {
        return topic;
    }

    /** The template that writes to the dead-letter topic (raw bytes, text or contract records). */
    public KafkaTemplate<Object, Object> template() {
        return template;
    }

    /** A recoverer for listener containers: the failed record goes to this service's DLT. */
    public DeadLetterPublishingRecoverer recoverer() {
        return new DeadLetterPublishingRecoverer(template, (record, ex) -> new TopicPartition(topic, -1));
    }

    /**
     * Writes a raw record (as read from Kafka, not deserialised) to the dead-letter topic and
     * waits for the acknowledgement.
     *
     * @param group the consumer group or Kafka Streams application id that failed to read it
     * @throws IllegalStateException when the dead letter could not be written
     */
    public void publishRaw(ConsumerRecord<byte[], byte[]> record, Exception failure, String group) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(record.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(record.timestamp()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, utf8(record.timestampType().toString()));
        if (group != null) {
            headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(group));
        }
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(failure.getClass().getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(failure.getMessage())));
        if (failure.getCause() != null) {
            headers.add(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, utf8(failure.getCause().getClass().getName()));
        }
        ProducerRecord<Object, Object> deadLetter =
                new ProducerRecord<>(topic, null, null, record.key(), record.value(), headers);
        try {
            template.send(deadLetter).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing a dead letter to " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not write a dead letter to " + topic, e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
