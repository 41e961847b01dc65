package com.eventshop.platform.kafka;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.VersionHeader;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Product;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the catalog's products ({@code catalog.products}) for a service that needs them beside
 * its own work (orders' prices, inventory's known products): every instance reads every
 * partition from the beginning (a small compacted table, like a GlobalKTable) without a consumer
 * group, and then follows it, handing each change to a {@link Listener}. {@link #caughtUp()}
 * tells whether it has read up to the end offsets fetched at that moment (readiness);
 * {@link #awaitCurrentEnd(Duration)} lets a request see a product created just before.
 */
public final class CatalogProductFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogProductFeed.class);
    private static final ContractSerde<Product> PRODUCTS = ContractSerde.of(Product.class);

    private final Map<String, Object> consumerConfig;
    private final Listener listener;
    private final String name;

    /** What a service does with the catalog's changes; called on the feed's own thread. */
    public interface Listener {

        /** A product was created or changed (active or not). */
        void updated(String productId, long version, Product product);

        /** A product was deleted (a tombstone): remember the version so an older update cannot revive it. */
        void deleted(String productId, long version);
    }
    private final Map<TopicPartition, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean caughtUpOnce;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param clientConfig Kafka client settings (Spring's consumer properties will do)
     * @param name         names the feed's thread and client id, e.g. {@code orders-catalog-prices}
     */
    public CatalogProductFeed(Map<String, Object> clientConfig, String name, Listener listener) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.keySet().removeIf(key -> key.startsWith("spring.deserializer."));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-" + UUID.randomUUID());
        this.consumerConfig = config;
        this.name = name;
        this.listener = listener;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Whether every product written so far has been applied: true once the feed reached the
     * end offsets as they are now (and from then on, like a table that has loaded).
     */
    public boolean caughtUp() {
        if (caughtUpOnce) {
            return true;
        }
        if (positions.isEmpty()) {
            return false;
        }
        try (KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> ends = probe.endOffsets(positions.keySet(), Duration.ofSeconds(2));
            boolean done = ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
            caughtUpOnce = done;
            return done;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Waits until the feed has read everything written to the topic up to now (read-your-writes
     * for a product created in the catalog a moment ago).
     *
     * @return false if that did not happen within the timeout (broker unreachable, feed not started)
     */
    public boolean awaitCurrentEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (positions.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            ends = probe.endOffsets(positions.keySet(), timeout);
        } catch (RuntimeException e) {
            return false;
        }
        while (true) {
            if (ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void run() {
        while (running) {
            try {
                follow();
                return;
            } catch (WakeupException e) {
                if (!running) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{} interrupted ({}); retrying in 1 s", name, e.toString());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void follow() throws InterruptedException {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            String topic = Topics.CATALOG_PRODUCTS.name();
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
                partitions = infos == null ? List.of()
                        : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(1000);
                }
            }
            c.assign(partitions);
            for (TopicPartition p : partitions) {
                Long position = positions.get(p);
                if (position == null) {
                    c.seekToBeginning(List.of(p));
                    positions.put(p, c.position(p));
                } else {
                    c.seek(p, position);
                }
            }
            while (running) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(200))) {
                    apply(record);
                    positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                for (TopicPartition p : partitions) {
                    positions.put(p, c.position(p)); // past aborted or control records too
                }
            }
        } finally {
            consumer = null;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            // A delete: remembered with its version so a replayed older update cannot revive it.
            VersionHeader.of(record.headers()).ifPresent(version -> listener.deleted(record.key(), version));
            return;
        }
        Product product;
        try {
            product = PRODUCTS.decode(record.value());
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable record on {} at offset {}: {}", record.topic(), record.offset(), e.getMessage());
            return;
        }
        listener.updated(record.key(), product.getVersion(), product);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = thread;
        }
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
