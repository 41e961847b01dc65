package com.eventshop.devinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClusterTest {

    @TempDir
    Path dataDir;

    @Test
    void producesConsumesCommitsTransactionsAndKeepsDataAcrossRestart() throws Exception {
        String clusterId;
        long started = System.nanoTime();
        try (KafkaCluster kafka = KafkaCluster.start(KafkaCluster.Settings.of(dataDir).withPort(0))) {
            System.out.printf("Kafka 1 broker (fresh) ready in %d ms%n", millisSince(started));
            clusterId = kafka.clusterId();
            assertThat(kafka.brokerCount()).isEqualTo(1);
            assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("greetings", 1, (short) 1))).all().get();
            }

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka, Map.of()))) {
                producer.send(new ProducerRecord<>("greetings", "k1", "plain")).get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka,
                    Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dev-infra-test-tx")))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("greetings", "k2", "committed"));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("greetings", "k3", "aborted"));
                producer.abortTransaction();
            }
            assertThat(readAll(kafka, "greetings", 2)).containsExactly("plain", "committed");

            long closing = System.nanoTime();
            kafka.close();
            long closeMillis = millisSince(closing);
            System.out.printf("Kafka 1 broker closed in %d ms%n", closeMillis);
            assertThat(closeMillis).isLessThan(10_000);
        }

        assertThat(dataDir.resolve("kafka/node-0/meta.properties")).exists();
        started = System.nanoTime();
        try (KafkaCluster kafka = KafkaCluster.start(KafkaCluster.Settings.of(dataDir).withPort(0))) {
            System.out.printf("Kafka 1 broker (restart) ready in %d ms%n", millisSince(started));
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("greetings");
            }
            assertThat(readAll(kafka, "greetings", 2)).containsExactly("plain", "committed");
        }
    }

    @Test
    void refusesAKafkaDirectoryWithoutItsClusterFile() throws Exception {
        Path stray = Files.createDirectories(dataDir.resolve("kafka")).resolve("notes.txt");
        Files.writeString(stray, "not Kafka");

        assertThatThrownBy(() -> KafkaCluster.start(KafkaCluster.Settings.of(dataDir).withPort(0)))
                .isInstanceOf(DevInfraException.class)
                .hasMessageContaining("--fresh")
                .hasMessageContaining("nothing was deleted");
        assertThat(stray).hasContent("not Kafka");
    }

    @Test
    void refusesNodeDataOfAnotherCluster() throws Exception {
        Path kafkaDir = Files.createDirectories(dataDir.resolve("kafka/node-0"));
        Files.writeString(dataDir.resolve("kafka/cluster.properties"), "cluster.id=aaaa\nbrokers=1\n");
        Path meta = kafkaDir.resolve("meta.properties");
        Files.writeString(meta, "version=1\ncluster.id=bbbb\nnode.id=0\n");

        assertThatThrownBy(() -> KafkaCluster.start(KafkaCluster.Settings.of(dataDir).withPort(0)))
                .isInstanceOf(DevInfraException.class)
                .hasMessageContaining("belongs to cluster bbbb")
                .hasMessageContaining("--fresh");
        assertThat(meta).hasContent("version=1\ncluster.id=bbbb\nnode.id=0\n");
    }

    @Test
    void refusesDataFormattedForAnotherBrokerCount() throws Exception {
        Files.createDirectories(dataDir.resolve("kafka"));
        Files.writeString(dataDir.resolve("kafka/cluster.properties"), "cluster.id=aaaa\nbrokers=3\n");

        assertThatThrownBy(() -> KafkaCluster.start(KafkaCluster.Settings.of(dataDir).withPort(0)))
                .isInstanceOf(DevInfraException.class)
                .hasMessageContaining("3 broker(s), not 1")
                .hasMessageContaining("EVENTSHOP_KAFKA_BROKERS");
    }

    static Map<String, Object> producerConfig(KafkaCluster kafka, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        config.putAll(extra);
        return config;
    }

    /** Reads committed records from the start of the topic until {@code expected} arrived (or 20 s). */
    static List<String> readAll(KafkaCluster kafka, String topic, int expected) {
        return readAll(kafka.bootstrapServers(), topic, expected);
    }

    static List<String> readAll(String bootstrapServers, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dev-infra-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // One more poll: records beyond the expected count must show up too.
            consumer.poll(Duration.ofMillis(300)).forEach(record -> values.add(record.value()));
        }
        return values;
    }

    static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
