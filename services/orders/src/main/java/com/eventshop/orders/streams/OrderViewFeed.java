package com.eventshop.orders.streams;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Order;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@code orders} topic (the view's changelog as the processor publishes it) and
 * hands every new version of an order to the {@link OrderViewHub}. It reads every partition
 * without a consumer group, from the end, with {@code read_committed}: each instance hears
 * about every committed change of every order, whichever instance owns it, and keeps doing so
 * through rebalances.
 */
public final class OrderViewFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrderViewFeed.class);

    private final Map<String, Object> consumerConfig;
    private final OrderViewHub hub;
    private final CountDownLatch ready = new CountDownLatch(1);
    /** Next offset to read per partition (only touched by the feed thread). */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, Order> consumer;
    private Thread thread;

    /**
     * @param clientConfig Kafka client settings (bootstrap servers, security); group and
     *                     deserializer settings in it are replaced
     */
    public OrderViewFeed(Map<String, Object> clientConfig, OrderViewHub hub) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.keySet().removeIf(key -> key.startsWith("spring.deserializer."));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "orders-view-feed-" + UUID.randomUUID());
        this.consumerConfig = config;
        this.hub = hub;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "orders-view-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the feed follows every partition (tests wait for it before producing). */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isRunning() {
        return running;
    }

    /** Follows the topic until closed; a lost broker or a failed poll only delays it. */
    private void run() {
        long backoffMs = 500;
        while (running) {
            try {
                follow();
                return;
            } catch (WakeupException e) {
                if (!running) {
                    return;
                }
                log.warn("Order view feed woken up unexpectedly; resuming");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Order view feed interrupted ({}); retrying in {} ms. Until then long-polls and live "
                        + "streams only see the state they started with", e.toString(), backoffMs);
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoffMs = Math.min(backoffMs * 2, 10_000);
        }
    }

    private void follow() throws InterruptedException {
        try (KafkaConsumer<String, Order> c = new KafkaConsumer<>(consumerConfig,
                new StringDeserializer(), lenient(ContractSerde.of(Order.class).deserializer()))) {
            consumer = c;
            if (!running) {
                return;
            }
            String topic = Topics.ORDERS_VIEW.name();
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
                partitions = infos == null ? List.of()
                        : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                if (partitions.isEmpty()) {
                    log.info("Waiting for topic {} to exist", topic);
                    Thread.sleep(1000);
                }
            }
            c.assign(partitions);
            // First start: from the end (changes from now on). After an interruption: where it
            // stopped, so no change in between is missed by waiters that are still listening.
            List<TopicPartition> fresh = partitions.stream().filter(p -> !positions.containsKey(p)).toList();
            c.seekToEnd(fresh);
            partitions.stream().filter(positions::containsKey).forEach(p -> c.seek(p, positions.get(p)));
            partitions.forEach(p -> positions.put(p, c.position(p)));
            ready.countDown();
            log.info("Following {} ({} partitions) for live order updates", topic, partitions.size());
            while (running) {
                for (ConsumerRecord<String, Order> record : c.poll(Duration.ofMillis(500))) {
                    positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    if (record.value() != null) {
                        hub.publish(record.value());
                    }
                }
            }
        } finally {
            consumer = null;
        }
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
        KafkaConsumer<String, Order> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            t.join(1000);
            if (t.isAlive()) {
                t.interrupt(); // sleeping between retries
                t.join(4000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A record that cannot be read is skipped (the processor wrote it; there is no one to tell). */
    private static Deserializer<Order> lenient(Deserializer<Order> delegate) {
        return (topic, data) -> {
            try {
                return delegate.deserialize(topic, data);
            } catch (RuntimeException e) {
                log.warn("Skipping an unreadable record on {}: {}", topic, e.getMessage());
                return null;
            }
        };
    }
}
