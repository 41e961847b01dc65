package com.eventshop.notifications.config;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Customer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Demo data until the accounts service exists: writes the demo customers (the ids the README,
 * the benchmark and the tests use) to the compacted customers topic, each only when the topic
 * does not hold it yet, so a customer accounts wrote is never overwritten. This is the one
 * place notifications writes a topic accounts owns; it goes when accounts lands.
 */
@Component
@ConditionalOnProperty(name = "eventshop.notifications.seed-demo-customers", havingValue = "true")
class DemoCustomers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCustomers.class);

    static final List<String> IDS = List.of("c-1", "c-2", "c-3", "c-4", "c-5", "test-card-declined");

    private final KafkaTemplate<String, Object> kafka;
    private final String bootstrapServers;

    DemoCustomers(KafkaTemplate<String, Object> kafka, @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Set<String> present = presentIds();
        int written = 0;
        for (String id : IDS) {
            if (!present.contains(id)) {
                String name = "Demo customer " + id;
                kafka.send(Topics.CUSTOMERS.name(), id, Customer.newBuilder().setCustomerId(id)
                        .setEmail(id + "@customers.eventshop.local").setName(name)
                        .setAddress(new Address(name, "1 Main St", "Lyon", "69001", "FR"))
                        .setUpdatedAt(Instant.now()).build()).get();
                written++;
            }
        }
        log.info("Demo customers: {} written, {} already present", written, IDS.size() - written);
    }

    private Set<String> presentIds() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> ids = new HashSet<>();
        ContractSerde<Customer> serde = ContractSerde.of(Customer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CUSTOMERS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() == null) {
                        ids.remove(r.key());
                    } else if (serde.decode(r.value()) != null) {
                        ids.add(r.key());
                    }
                });
            }
        }
        return ids;
    }
}
