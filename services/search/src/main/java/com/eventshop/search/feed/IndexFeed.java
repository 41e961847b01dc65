package com.eventshop.search.feed;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.PageCrawled;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Category;
import com.eventshop.contracts.tables.Product;
import com.eventshop.platform.kafka.DeadLetterPublisher;
import com.eventshop.search.index.IndexGeneration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one {@link IndexGeneration} from the log: a plain consumer (no group) assigned every
 * partition of {@code catalog.categories}, {@code catalog.products} and {@code crawler.pages},
 * starting at the offsets of the index's last commit (or the beginning), so index and offsets
 * are always committed together and a restart neither loses nor repeats work. Changes become
 * searchable on the next refresh (every {@code refreshInterval}); a commit follows every
 * {@code commitInterval}.
 */
public final class IndexFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IndexFeed.class);
    // one set per feed: a rebuild's feed decodes beside the live one
    private final ContractSerde<Product> products = ContractSerde.of(Product.class);
    private final ContractSerde<Category> categories = ContractSerde.of(Category.class);
    private final ContractSerde<PageCrawled> pages = ContractSerde.of(PageCrawled.class);
    static final List<String> TOPICS = List.of(Topics.CATALOG_CATEGORIES.name(), Topics.CATALOG_PRODUCTS.name(),
            Topics.CRAWLER_PAGES.name());

    private final Map<String, Object> consumerConfig;
    private final IndexGeneration index;
    private final String name;
    private final Duration refreshInterval;
    private final Duration commitInterval;
    private final DeadLetterPublisher deadLetters;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile long applied;
    private Thread thread;

    /**
     * @param deadLetters where unreadable records go; null to skip them silently (a rebuild, whose
     *                    live generation already reported them)
     */
    public IndexFeed(Map<String, Object> clientConfig, IndexGeneration index, String name, Duration refreshInterval,
                     Duration commitInterval, DeadLetterPublisher deadLetters) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.keySet().removeIf(key -> key.startsWith("spring.deserializer."));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-" + UUID.randomUUID());
        this.consumerConfig = config;
        this.index = index;
        this.name = name;
        this.refreshInterval = refreshInterval;
        this.commitInterval = commitInterval;
        this.deadLetters = deadLetters;
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

    /** Whether the feed has read the topics up to where they ended when it started. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits until {@link #caughtUp()}; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records applied so far (progress of a rebuild). */
    public long applied() {
        return applied;
    }

    public IndexGeneration index() {
        return index;
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
            } catch (RuntimeException | IOException e) {
                log.warn("{} interrupted ({}); resuming from the last commit in 1 s", name, e.toString());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void follow() throws InterruptedException, IOException {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            List<TopicPartition> partitions = partitions(c);
            if (partitions.isEmpty()) {
                return;
            }
            c.assign(partitions);
            Map<String, Long> committed = index.committedOffsets();
            for (TopicPartition p : partitions) {
                Long offset = committed.get(key(p));
                if (offset == null) {
                    c.seekToBeginning(List.of(p));
                } else {
                    c.seek(p, offset);
                }
                positions.put(p, c.position(p));
            }
            Map<TopicPartition, Long> target = c.endOffsets(partitions, Duration.ofSeconds(30));
            long lastRefresh = System.nanoTime();
            long lastCommit = System.nanoTime();
            boolean dirty = false;
            boolean uncommitted = false;
            while (running) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = c.poll(Duration.ofMillis(50));
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    apply(record);
                }
                if (!records.isEmpty()) {
                    applied += records.count();
                    dirty = true;
                    uncommitted = true;
                }
                for (TopicPartition p : partitions) {
                    positions.put(p, c.position(p)); // past aborted or control records too
                }
                long now = System.nanoTime();
                if (!caughtUp() && reached(target)) {
                    index.refresh();
                    index.commit(offsets());
                    dirty = false;
                    uncommitted = false;
                    lastRefresh = now;
                    lastCommit = now;
                    caughtUp.countDown();
                    log.info("{} caught up: {} records applied, {} documents", name, applied, index.documents());
                }
                if (dirty && caughtUp() && now - lastRefresh >= refreshInterval.toNanos()) {
                    index.refresh();
                    dirty = false;
                    lastRefresh = now;
                }
                if (uncommitted && now - lastCommit >= commitInterval.toNanos()) {
                    index.commit(offsets());
                    uncommitted = false;
                    lastCommit = now;
                }
            }
            if (uncommitted) {
                index.commit(offsets());
            }
        } finally {
            consumer = null;
        }
    }

    private boolean reached(Map<TopicPartition, Long> target) {
        return target.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** Every partition of the three topics; waits until all exist (metadata can lag a new topic). */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) throws InterruptedException {
        while (running) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos == null || infos.isEmpty()) {
                    missing.add(topic);
                    continue;
                }
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            if (missing.isEmpty()) {
                return partitions;
            }
            log.info("{} waits for the topics {} to exist", name, missing);
            Thread.sleep(1000);
        }
        return List.of();
    }

    private Map<String, Long> offsets() {
        Map<String, Long> offsets = new HashMap<>();
        positions.forEach((p, offset) -> offsets.put(key(p), offset));
        return offsets;
    }

    private static String key(TopicPartition p) {
        return p.topic() + ":" + p.partition();
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) throws IOException {
        if (record.key() == null) {
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        try {
            switch (record.topic()) {
                case "catalog.products" -> {
                    if (record.value() == null) {
                        index.deleteProduct(key);
                    } else {
                        index.product(key, products.decode(record.value()), record.timestamp());
                    }
                }
                case "catalog.categories" -> {
                    if (record.value() == null) {
                        index.deleteCategory(key);
                    } else {
                        Category category = categories.decode(record.value());
                        index.category(key, category.getSlug(), category.getName());
                    }
                }
                case "crawler.pages" -> {
                    if (record.value() == null) {
                        index.deletePage(key);
                    } else {
                        index.page(key, pages.decode(record.value()));
                    }
                }
                default -> { }
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            // A record that is not what the contract says: reported once, and the view goes on.
            if (deadLetters != null) {
                log.warn("Dead-lettering an unreadable record on {}-{} at {}: {}", record.topic(),
                        record.partition(), record.offset(), e.toString());
                deadLetters.publishRaw(record, e, name);
            }
        }
    }

    /** Stops following (after committing what it applied). */
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
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
