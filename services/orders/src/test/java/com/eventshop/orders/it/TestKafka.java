package com.eventshop.orders.it;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.devinfra.KafkaCluster;
import com.eventshop.devinfra.TopicProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real KRaft broker (dev-infra) with the catalogue's topics, plus a plain producer that plays
 * the other services (inventory, fraud, payments, shipping) and a reader of whole topics.
 */
final class TestKafka implements AutoCloseable {

    private final Path dataDir;
    private final KafkaCluster cluster;
    private final KafkaProducer<String, byte[]> producer;

    private TestKafka(Path dataDir, KafkaCluster cluster) {
        this.dataDir = dataDir;
        this.cluster = cluster;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    static TestKafka start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "orders-kafka-");
        KafkaCluster cluster = KafkaCluster.start(KafkaCluster.Settings.of(dir).withPort(0));
        TopicProvisioner.ensureTopics(cluster.bootstrapServers(), Topics.ALL);
        return new TestKafka(dir, cluster);
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    Path dataDir() {
        return dataDir;
    }

    /** Writes a record as the topic's writer service would. */
    void send(TopicSpec topic, String key, SpecificRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, ContractSerde.forTopic(topic).encode(record)))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not write to " + topic.name(), e);
        }
    }

    /** Every committed record of a topic, from the beginning to its current end. */
    List<ConsumerRecord<String, SpecificRecord>> readAll(TopicSpec topic) {
        ContractSerde<SpecificRecord> serde = ContractSerde.forTopic(topic);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, SpecificRecord>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic.name() + " to its end");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(),
                            serde.decode(r.value())));
                }
            }
            return records;
        }
    }

    /** The values of a topic written for one key. */
    List<SpecificRecord> valuesFor(TopicSpec topic, String key) {
        return readAll(topic).stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    /**
     * The values for one key once there are at least {@code count}. The view is queried
     * read-uncommitted (interactive queries see the store before the transaction commits),
     * so output topics may trail it by a commit interval.
     */
    List<SpecificRecord> awaitValues(TopicSpec topic, String key, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<SpecificRecord> values = valuesFor(topic, key);
        while (values.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            values = valuesFor(topic, key);
        }
        return values;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        cluster.close();
    }
}
