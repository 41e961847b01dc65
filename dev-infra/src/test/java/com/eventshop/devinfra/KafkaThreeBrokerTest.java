package com.eventshop.devinfra;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.Topics;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaThreeBrokerTest {

    private static final int RECORDS = 3000;

    @TempDir
    Path dataDir;

    @Test
    void replicatesThreeWaysAndLosesNothingWhenALeaderStops() throws Exception {
        long started = System.nanoTime();
        try (KafkaCluster kafka = KafkaCluster.start(KafkaCluster.Settings.of(dataDir).withBrokers(3).withPort(0))) {
            System.out.printf("Kafka 3 brokers ready in %d ms%n", KafkaClusterTest.millisSince(started));
            assertThat(kafka.bootstrapServers().split(",")).hasSize(3);
            String topic = Topics.ORDER_REQUESTED.name();
            assertThat(TopicProvisioner.ensureTopics(kafka.bootstrapServers(), List.of(Topics.ORDER_REQUESTED)))
                    .containsExactly(topic);

            int leader;
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                assertThat(description.partitions()).hasSize(Topics.ORDER_PARTITIONS)
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                        .get("min.insync.replicas").value()).isEqualTo("2");
                leader = description.partitions().stream().map(TopicPartitionInfo::leader)
                        .findFirst().orElseThrow().id();
            }

            ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClusterTest.producerConfig(
                    kafka, Map.of(ProducerConfig.LINGER_MS_CONFIG, 5)))) {
                for (int i = 0; i < RECORDS; i++) {
                    if (i == RECORDS / 3) {
                        kafka.stopBroker(leader);
                    }
                    if (i == 2 * RECORDS / 3) {
                        kafka.startBroker(leader);
                    }
                    producer.send(new ProducerRecord<>(topic, "order-" + (i % 50), Integer.toString(i)),
                            (metadata, error) -> {
                                if (error != null) {
                                    failures.add(error);
                                }
                            });
                    if (i % 100 == 0) {
                        // Keep the stream flowing while the broker is down, not all in one batch.
                        producer.flush();
                    }
                }
                producer.flush();
            }
            assertThat(failures).isEmpty();

            List<String> values = KafkaClusterTest.readAll(kafka, topic, RECORDS);
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < RECORDS; i++) {
                expected.add(Integer.toString(i));
            }
            assertThat(values).hasSize(RECORDS);
            assertThat(new HashSet<>(values)).isEqualTo(expected);

            long closing = System.nanoTime();
            kafka.close();
            System.out.printf("Kafka 3 brokers closed in %d ms%n", KafkaClusterTest.millisSince(closing));
        }
    }
}
