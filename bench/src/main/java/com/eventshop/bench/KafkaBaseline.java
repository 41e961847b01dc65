package com.eventshop.bench;

import com.eventshop.devinfra.KafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The physical limit every Eventshop figure is measured against: raw produce and consume rates
 * of 1 KB records (acks=all, idempotent) and the round trip of a single record, against the
 * embedded broker (or KAFKA_BOOTSTRAP_SERVERS).
 *
 * <p>Options: {@code --records N} (default 300000), {@code --size BYTES} (1024),
 * {@code --partitions P} (6), {@code --samples N} (2000 round trips, a quarter as many transactional
 * hops), {@code --txn-retry-backoff-ms MS} (2).
 */
public final class KafkaBaseline {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int records = Integer.parseInt(options.getOrDefault("records", "300000"));
        int size = Integer.parseInt(options.getOrDefault("size", "1024"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "6"));
        int samples = Integer.parseInt(options.getOrDefault("samples", "2000"));

        System.out.println("Kafka baseline on " + MachineInfo.describe());
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        Path dataDir = Files.createTempDirectory("eventshop-bench-kafka");
        try (KafkaCluster cluster = external == null ? EmbeddedBroker.start(dataDir) : null) {
            String bootstrap = external != null ? external : cluster.bootstrapServers();
            System.out.println("Broker: " + (external != null ? "external " : "embedded, 1 node, ") + bootstrap);
            System.out.printf(Locale.ROOT, "Config: %d records of %d bytes, %d partitions, acks=all, idempotent%n%n",
                    records, size, partitions);

            String topic = "bench.baseline." + System.currentTimeMillis();
            String pingTopic = topic + ".ping";
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1),
                        new NewTopic(pingTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }

            double produceRate = produce(bootstrap, topic, records, size);
            double consumeRate = consume(bootstrap, topic, records);
            Histogram roundTrips = roundTrips(bootstrap, pingTopic, samples, size);
            TransactionalHops hops = transactionalHops(bootstrap, pingTopic + ".txn", samples / 4, size, options);

            System.out.println();
            System.out.println("Results");
            System.out.printf(Locale.ROOT, "  produce     %,10.0f records/s  (%,.1f MB/s)%n", produceRate, produceRate * size / 1e6);
            System.out.printf(Locale.ROOT, "  consume     %,10.0f records/s  (%,.1f MB/s)%n", consumeRate, consumeRate * size / 1e6);
            System.out.printf(Locale.ROOT, "  round trip  p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (%d samples)%n",
                    roundTrips.getValueAtPercentile(50) / 1000.0, roundTrips.getValueAtPercentile(99) / 1000.0,
                    roundTrips.getValueAtPercentile(99.9) / 1000.0, roundTrips.getMaxValue() / 1000.0,
                    roundTrips.getTotalCount());
            System.out.printf(Locale.ROOT, "  transactional hop  p50 %.2f ms, p99 %.2f ms (send, offsets, commit, seen read_committed; %d samples)%n",
                    hops.visible().getValueAtPercentile(50) / 1000.0, hops.visible().getValueAtPercentile(99) / 1000.0,
                    hops.visible().getTotalCount());
            System.out.printf(Locale.ROOT, "    of which sendOffsetsToTransaction p50 %.2f ms, p99 %.2f ms; commitTransaction p50 %.2f ms, p99 %.2f ms%n",
                    hops.offsets().getValueAtPercentile(50) / 1000.0, hops.offsets().getValueAtPercentile(99) / 1000.0,
                    hops.commit().getValueAtPercentile(50) / 1000.0, hops.commit().getValueAtPercentile(99) / 1000.0);
        } finally {
            deleteQuietly(dataDir);
        }
    }

    private static double produce(String bootstrap, String topic, int records, int size) throws Exception {
        Properties props = producerProps(bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        byte[] value = new byte[size];
        new java.util.Random(42).nextBytes(value);
        AtomicLong acked = new AtomicLong();
        Progress progress = new Progress("produce", records);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i).getBytes(), value), (md, e) -> {
                    if (e != null) {
                        throw new IllegalStateException(e);
                    }
                    acked.incrementAndGet();
                });
                progress.update(i + 1);
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.done();
        if (acked.get() != records) {
            throw new IllegalStateException("Only " + acked.get() + " of " + records + " records acknowledged");
        }
        return records / seconds;
    }

    private static double consume(String bootstrap, String topic, int records) {
        Properties props = consumerProps(bootstrap, "bench-consume");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(1024 * 1024));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
        Progress progress = new Progress("consume", records);
        long received = 0;
        long start;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            start = System.nanoTime();
            while (received < records) {
                received += consumer.poll(Duration.ofMillis(200)).count();
                progress.update(received);
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(5)) {
                    throw new IllegalStateException("Consumed only " + received + " of " + records);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.done();
        return records / seconds;
    }

    /** One record at a time: send, wait until a consumer sees it, repeat. */
    private static Histogram roundTrips(String bootstrap, String topic, int samples, int size) throws Exception {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        Properties readerProps = consumerProps(bootstrap, "bench-ping");
        readerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "1");
        SynchronousQueue<Long> arrivals = startReader(readerProps, topic, samples + 20);

        Properties props = producerProps(bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        byte[] value = new byte[size];
        Progress progress = new Progress("round trips", samples);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = -20; i < samples; i++) { // 20 warm-up trips are not counted
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, value));
                Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
                if (arrived == null) {
                    throw new IllegalStateException("A round trip took longer than 10 s");
                }
                if (i >= 0) {
                    histogram.recordValue(Math.max(1, (arrived - sent) / 1000));
                    progress.update(i + 1);
                }
            }
        }
        progress.done();
        return histogram;
    }

    record TransactionalHops(Histogram visible, Histogram offsets, Histogram commit) {
    }

    /**
     * One exactly-once hop as a Kafka Streams thread makes it, one record at a time: begin, send,
     * add the consumed offsets to the transaction, commit; timed until a read_committed consumer
     * sees the record. The floor under every hop of the order flow.
     */
    private static TransactionalHops transactionalHops(String bootstrap, String topic, int samples, int size,
            Map<String, String> options) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        TransactionalHops hops = new TransactionalHops(new Histogram(TimeUnit.SECONDS.toMicros(10), 3),
                new Histogram(TimeUnit.SECONDS.toMicros(10), 3), new Histogram(TimeUnit.SECONDS.toMicros(10), 3));
        Properties readerProps = consumerProps(bootstrap, "bench-txn-reader");
        readerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        SynchronousQueue<Long> arrivals = startReader(readerProps, topic, samples + 20);

        Properties props = producerProps(bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-txn-" + System.nanoTime());
        // As the platform sets it for stream threads (the default 100 ms shows as a p99 of ~100 ms:
        // the broker still writing the previous commit's markers answers CONCURRENT_TRANSACTIONS).
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, options.getOrDefault("txn-retry-backoff-ms", "2"));
        Properties groupProps = consumerProps(bootstrap, "bench-txn-group");
        byte[] value = new byte[size];
        Progress progress = new Progress("transactional hops", samples);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
             KafkaConsumer<byte[], byte[]> group = new KafkaConsumer<>(groupProps)) {
            producer.initTransactions();
            group.subscribe(List.of(topic));
            group.poll(Duration.ofSeconds(5)); // joins the group: its metadata goes with the offsets
            org.apache.kafka.common.TopicPartition consumed = new org.apache.kafka.common.TopicPartition(topic, 0);
            for (int i = -20; i < samples; i++) { // 20 warm-up hops are not counted
                long sent = System.nanoTime();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, value));
                long beforeOffsets = System.nanoTime();
                producer.sendOffsetsToTransaction(Map.of(consumed,
                        new org.apache.kafka.clients.consumer.OffsetAndMetadata(i + 21)), group.groupMetadata());
                long beforeCommit = System.nanoTime();
                producer.commitTransaction();
                long committed = System.nanoTime();
                Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
                if (arrived == null) {
                    throw new IllegalStateException("A transactional hop took longer than 10 s");
                }
                if (i >= 0) {
                    hops.visible().recordValue(Math.max(1, (arrived - sent) / 1000));
                    hops.offsets().recordValue(Math.max(1, (beforeCommit - beforeOffsets) / 1000));
                    hops.commit().recordValue(Math.max(1, (committed - beforeCommit) / 1000));
                    progress.update(i + 1);
                }
            }
        }
        progress.done();
        return hops;
    }

    /**
     * A consumer thread that hands over the arrival time of each record it sees, until it has seen
     * {@code records}; returns once it has its partitions.
     */
    private static SynchronousQueue<Long> startReader(Properties props, String topic, int records)
            throws InterruptedException {
        SynchronousQueue<Long> arrivals = new SynchronousQueue<>();
        CountDownLatch assigned = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.of(topic));
                int seen = 0;
                while (seen < records) {
                    for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(50))) {
                        arrivals.put(System.nanoTime());
                        seen++;
                    }
                    if (!consumer.assignment().isEmpty()) {
                        assigned.countDown();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-reader-" + topic);
        reader.setDaemon(true);
        reader.start();
        assigned.await(30, TimeUnit.SECONDS);
        return arrivals;
    }

    private static Properties producerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static Properties consumerProps(String bootstrap, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group + "-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temp folder left behind is harmless
        }
    }
}
