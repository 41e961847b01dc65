package com.eventshop.devinfra;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * For services' integration tests: one real in-process KRaft broker per test JVM, with every
 * catalogued topic, plus plain clients to write and read topics. The broker lives as long as the JVM.
 */
public final class TestKafka {

    private static KafkaCluster cluster;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "it-kafka-" + UUID.randomUUID());
            cluster = KafkaCluster.start(new KafkaCluster.Settings(dir, 1, 0, 0));
            TopicProvisioner.ensureTopics(cluster.bootstrapServers(), Topics.ALL);
        }
        return cluster.bootstrapServers();
    }

    public static RecordMetadata send(TopicSpec topic, String key, SpecificRecord value) {
        return sendRaw(topic.name(), key, ContractSerde.forTopic(topic).encode(value));
    }

    public static RecordMetadata sendRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the consumer group has committed past a record (it was processed and committed). */
    public static void awaitConsumed(String groupId, RecordMetadata record, Duration timeout) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                if (committed != null && committed.offset() > record.offset()) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError(groupId + " did not consume " + partition + "@" + record.offset() + " within " + timeout);
    }

    /** Reads a topic from the beginning (committed records only) until {@code done} holds or the timeout. */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, Duration timeout,
                                                     Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Decoded values of a contract topic with the given key, once {@code done} holds. */
    public static List<SpecificRecord> values(TopicSpec topic, String key, Duration timeout,
                                       Predicate<List<SpecificRecord>> done) {
        ContractSerde<SpecificRecord> serde = ContractSerde.forTopic(topic);
        List<SpecificRecord> values = new ArrayList<>();
        read(topic.name(), timeout, records -> {
            values.clear();
            records.stream().filter(r -> key.equals(r.key())).forEach(r -> values.add(serde.decode(r.value())));
            return done.test(values);
        });
        return values;
    }
}
