package com.eventshop.bench;

import com.eventshop.app.Eventshop;
import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Order;
import com.eventshop.devinfra.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Orders through the whole flow (inventory and fraud checks, validation, payment,
 * confirmation) on the platform as {@code ./eventshop up} runs it, in this JVM:
 * <ol>
 *   <li>throughput: N orders written to order.requested as fast as possible, orders/s until
 *       every one is CONFIRMED;</li>
 *   <li>latency at fixed rates (200 and 1,000 orders/s): request to CONFIRMED, p50/p99/p99.9;</li>
 *   <li>HTTP: concurrent clients each placing an order and long-polling until CONFIRMED.</li>
 * </ol>
 * The load generator plays the orders API's part when it writes order.requested directly.
 * Options: {@code --orders 50000 --rates 200,1000 --rate-seconds 20 --http-clients 16
 * --http-seconds 20 --http-warmup-seconds 15 --commit-interval-ms 100 --payment-latency-ms 0 --validation-timeout 300s
 * --warmup-orders 5000 --services orders,inventory,fraud,payments,catalog (or all) --set key=value,key=value --timeline-ms 0
 * --until confirmed (or validated)}.
 * Between phases it waits until no topic gains a record for a second.
 */
public final class OrderFlowBench {

    /** Where an order's measurement ends: the state the flow runs to, or a state that ends the flow early. */
    private static final Map<OrderState, Set<OrderState>> FINAL_STATES = Map.of(
            OrderState.CONFIRMED, EnumSet.of(OrderState.CONFIRMED, OrderState.REJECTED,
                    OrderState.PAYMENT_FAILED, OrderState.CANCELLED),
            OrderState.VALIDATED, EnumSet.of(OrderState.VALIDATED, OrderState.REJECTED));

    private final Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
    private final Map<String, OrderState> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong lastTerminalNanos = new AtomicLong();
    private volatile Histogram latencies;
    private final List<String[]> prices;

    private final OrderState until;
    private final Set<OrderState> finalStates;

    private OrderFlowBench(List<String[]> prices, OrderState until) {
        this.prices = prices;
        this.until = until;
        this.finalStates = FINAL_STATES.get(until);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int orders = Integer.parseInt(options.getOrDefault("orders", "50000"));
        List<Integer> rates = java.util.Arrays.stream(options.getOrDefault("rates", "200,1000").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        int rateSeconds = Integer.parseInt(options.getOrDefault("rate-seconds", "20"));
        int httpClients = Integer.parseInt(options.getOrDefault("http-clients", "16"));
        int httpSeconds = Integer.parseInt(options.getOrDefault("http-seconds", "20"));
        // Uncounted HTTP first: otherwise the phase measures the JIT compiling the web stack
        // (C2 took most of a core during the first seconds of HTTP load).
        int httpWarmupSeconds = Integer.parseInt(options.getOrDefault("http-warmup-seconds", "15"));
        String commitInterval = options.getOrDefault("commit-interval-ms", "100");
        String paymentLatency = options.getOrDefault("payment-latency-ms", "0");
        // The order flow's services (catalog for the prices); "all" runs the whole platform, whose
        // shipping and notifications then work on every confirmed order beside the flow.
        // --until validated: measure to OrderValidated (after the inventory and fraud checks) without
        // running payments, the figure to compare with a flow that only validates orders.
        OrderState until = OrderState.valueOf(options.getOrDefault("until", "confirmed").toUpperCase(Locale.ROOT));
        if (!FINAL_STATES.containsKey(until)) {
            throw new IllegalArgumentException("--until is confirmed or validated, not " + until);
        }
        String services = options.getOrDefault("services", until == OrderState.VALIDATED
                ? "orders,inventory,fraud,catalog" : "orders,inventory,fraud,payments,catalog");
        // --timeline-ms 500: print what each flow topic gained per interval during the burst.
        long timelineMillis = Long.parseLong(options.getOrDefault("timeline-ms", "0"));
        int warmupOrders = Integer.parseInt(options.getOrDefault("warmup-orders", "5000"));

        System.out.println("Order flow benchmark on " + MachineInfo.describe());
        Map<String, String> env = new HashMap<>();
        env.put("EVENTSHOP_KAFKA_PORT", "0");
        env.put("EVENTSHOP_POSTGRES_PORT", "0");
        env.put("EVENTSHOP_SMTP_PORT", "0");
        for (String service : List.of("GATEWAY", "ACCOUNTS", "ORDERS", "INVENTORY", "FRAUD", "PAYMENTS",
                "CATALOG", "SHIPPING", "NOTIFICATIONS", "SEARCH", "CRAWLER", "OPS")) {
            env.put(service + "_PORT", Integer.toString(Ports.freePort()));
        }
        if (!services.equals("all")) {
            env.put("EVENTSHOP_SERVICES", services);
        }
        if (until == OrderState.VALIDATED) {
            // Validation alone: the path without the payment check (orders validates, nobody pays).
            env.put("eventshop.orders.required-checks", "INVENTORY,FRAUD");
        }
        env.put("spring.kafka.streams.properties.commit.interval.ms", commitInterval);
        env.put("eventshop.payments.simulated.latency-min-ms", paymentLatency);
        env.put("eventshop.payments.simulated.latency-max-ms", paymentLatency);
        // Bench customers place many orders: lift the fraud thresholds out of the way.
        env.put("eventshop.fraud.max-orders-per-window", "1000000");
        env.put("eventshop.fraud.max-amount-cents", "100000000000");
        // A burst of tens of thousands of orders takes longer than the 10 s validation timeout to
        // drain: without this, part of the measured throughput would be CHECK_TIMEOUT rejections.
        env.put("eventshop.orders.validation-timeout", options.getOrDefault("validation-timeout", "300s"));
        // The benchmark measures the order flow, not token checks: services trust every caller here
        // (a trusted-network setting; never for a real deployment).
        env.put("eventshop.security.enabled", "false");
        // --set "key=value,key=value": any other property for every service (settings experiments).
        for (String setting : options.getOrDefault("set", "").split(",")) {
            if (!setting.isBlank()) {
                int eq = setting.indexOf('=');
                env.put(setting.substring(0, eq).strip(), setting.substring(eq + 1).strip());
                System.out.println("Setting " + setting.strip());
            }
        }
        System.out.printf(Locale.ROOT, "Config: exactly_once_v2, commit.interval.ms=%s, %d partitions per order topic,"
                + " 1 broker, simulated payment latency %s ms, services %s, measured to %s%n%n", commitInterval, Topics.ORDER_PARTITIONS,
                paymentLatency, services, until);

        Path dataDir = Files.createTempDirectory("eventshop-bench-flow");
        try (Eventshop shop = Eventshop.start(dataDir, true, env, System.out)) {
            OrderFlowBench bench = new OrderFlowBench(readPrices(), until);
            bench.raiseStock(shop);
            try (ViewWatcher watcher = bench.new ViewWatcher(shop.kafkaBootstrapServers())) {
                watcher.start();
                System.out.println();
                System.out.println("Warm-up");
                bench.runAtMaxSpeed(shop, warmupOrders, "warm-up");
                bench.awaitIdle(shop);

                System.out.println("Throughput");
                Map<String, Long> offsetsBefore = bench.endOffsetsByTopic(shop);
                JitActivity throughputJit = JitActivity.start();
                FlowTimeline timeline = timelineMillis > 0
                        ? new FlowTimeline(shop.kafkaBootstrapServers(), timelineMillis).start() : null;
                double throughput;
                try {
                    throughput = bench.runAtMaxSpeed(shop, orders, "orders");
                } finally {
                    if (timeline != null) {
                        timeline.close();
                    }
                }
                String throughputOutcomes = bench.outcomeSummary() + "; " + throughputJit.describe();
                bench.awaitIdle(shop);
                String recordsPerOrder = bench.recordsPerOrder(offsetsBefore, bench.endOffsetsByTopic(shop), orders);

                List<String> rateLines = new ArrayList<>();
                for (int rate : rates) {
                    System.out.println("Latency at " + rate + " orders/s");
                    Map<String, CommitTimings.Totals> commitsBefore = CommitTimings.snapshot();
                    Map<String, BrokerRequestTimes.Totals> brokerBefore = BrokerRequestTimes.snapshot();
                    long phaseStart = System.nanoTime();
                    JitActivity jit = JitActivity.start();
                    Histogram h = bench.runAtRate(shop, rate, rateSeconds);
                    double phaseSeconds = (System.nanoTime() - phaseStart) / 1e9;
                    rateLines.add(String.format(Locale.ROOT,
                            "  at %,5d/s   p50 %6.1f ms   p99 %6.1f ms   p99.9 %6.1f ms   max %6.1f ms   (%d orders; %s)%n%s",
                            rate, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                            h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount(), jit.describe(),
                            CommitTimings.describe(commitsBefore, CommitTimings.snapshot(), phaseSeconds)
                                    + BrokerRequestTimes.describe(brokerBefore, BrokerRequestTimes.snapshot(), phaseSeconds))
                            .stripTrailing());
                    bench.awaitIdle(shop);
                }

                System.out.println("HTTP round trips (" + httpClients + " clients: POST, then GET ?waitFor=" + until + "; "
                        + httpWarmupSeconds + " s of warm-up first)");
                Histogram http = new org.HdrHistogram.ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
                bench.latencies = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
                if (httpWarmupSeconds > 0) {
                    bench.runHttp(shop, httpClients, httpWarmupSeconds, new org.HdrHistogram.ConcurrentHistogram(3));
                    bench.awaitIdle(shop);
                    bench.posts.reset();
                    bench.latencies = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
                    System.out.println("HTTP round trips, measured");
                }
                JitActivity httpJit = JitActivity.start();
                double httpRate = bench.runHttp(shop, httpClients, httpSeconds, http);
                String httpJitUse = httpJit.describe();

                long rss = MemoryUse.residentBytes(dataDir);
                System.out.println();
                System.out.println("Results (" + MachineInfo.describe() + ")");
                System.out.printf(Locale.ROOT, "  throughput  %,8.0f orders/s to %s or an earlier end (%s)%n",
                        throughput, until, throughputOutcomes);
                if (timeline != null) {
                    System.out.print(timeline.describe());
                }
                rateLines.forEach(System.out::println);
                System.out.print(recordsPerOrder);
                System.out.printf(Locale.ROOT, "  HTTP        %,8.1f order round trips/s, p50 %.1f ms, p99 %.1f ms (of which POST p50 %.1f ms, p99 %.1f ms)%n",
                        httpRate, http.getValueAtPercentile(50) / 1000.0, http.getValueAtPercentile(99) / 1000.0,
                        bench.posts.getValueAtPercentile(50) / 1000.0, bench.posts.getValueAtPercentile(99) / 1000.0);
                System.out.printf(Locale.ROOT, "              %s%n", httpJitUse);
                System.out.printf(Locale.ROOT, "              the same orders " + until + " on the orders topic: p50 %.1f ms, p99 %.1f ms after the POST began%n",
                        bench.latencies.getValueAtPercentile(50) / 1000.0, bench.latencies.getValueAtPercentile(99) / 1000.0);
                System.out.printf(Locale.ROOT, "  memory      %,d MB resident (launcher JVM %,d MB + PostgreSQL %,d MB)%n",
                        rss / 1_000_000, MemoryUse.ownResidentBytes() / 1_000_000,
                        (rss - MemoryUse.ownResidentBytes()) / 1_000_000);
            }
        } finally {
            deleteQuietly(dataDir);
        }
        System.exit(0);
    }

    /** Enough stock that no benchmark order is short. */
    private void raiseStock(Eventshop shop) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String[] price : prices) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(shop.url("inventory") + "/api/inventory/" + price[0]))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"available\": 10000000}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Stock for " + price[0] + ": " + response.statusCode() + " " + response.body());
            }
        }
        // Adjustments are applied asynchronously: wait until the last product shows the new stock.
        String last = prices.get(prices.size() - 1)[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(shop.url("inventory") + "/api/inventory/" + last)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.body().contains("10000000")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Stock adjustments were not applied within 60 s");
    }

    private double runAtMaxSpeed(Eventshop shop, int count, String label) throws Exception {
        latencies = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        outcomes.clear();
        Progress progress = new Progress(label, count);
        long start = System.nanoTime();
        try (KafkaProducer<String, SpecificRecord> producer = producer(shop.kafkaBootstrapServers())) {
            for (int i = 0; i < count; i++) {
                send(producer, i);
            }
            producer.flush();
        }
        awaitOutcomes(count, progress);
        double seconds = (lastTerminalNanos.get() - start) / 1e9;
        progress.done();
        return count / seconds;
    }

    private Histogram runAtRate(Eventshop shop, int rate, int seconds) throws Exception {
        latencies = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        outcomes.clear();
        int count = rate * seconds;
        Progress progress = new Progress("orders", count);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (KafkaProducer<String, SpecificRecord> producer = producer(shop.kafkaBootstrapServers())) {
            for (int i = 0; i < count; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                send(producer, i);
                progress.update(outcomes.size());
            }
            producer.flush();
        }
        awaitOutcomes(count, progress);
        progress.done();
        return latencies;
    }

    /** Time to the 202 of each POST in the HTTP phase (the rest of a round trip is the wait for CONFIRMED). */
    private final org.HdrHistogram.ConcurrentHistogram posts = new org.HdrHistogram.ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);

    private double runHttp(Eventshop shop, int clients, int seconds, Histogram histogram) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String orders = shop.url("orders");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch finished = new CountDownLatch(clients);
        Progress progress = new Progress("round trips", 0);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        long began = System.nanoTime();
                        String[] price = prices.get((client + n) % prices.size());
                        String body = String.format(Locale.ROOT, "{\"customerId\":\"bench-http-%d\",\"lines\":[{\"productId\":\"%s\",\"quantity\":1}],"
                                + "\"shippingAddress\":{\"name\":\"Bench\",\"street\":\"1 Loop St\",\"city\":\"Lyon\",\"postalCode\":\"69001\",\"country\":\"FR\"}}",
                                client, price[0]);
                        HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(orders + "/api/orders"))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        posts.recordValue(Math.max(1, (System.nanoTime() - began) / 1000));
                        String location = placed.headers().firstValue("Location").orElse(null);
                        if (placed.statusCode() != 202 || location == null) {
                            failed.incrementAndGet();
                            continue;
                        }
                        // The view watcher times the same order to CONFIRMED on the orders topic.
                        sentAtNanos.put(location.substring(location.lastIndexOf('/') + 1), began);
                        URI wait = URI.create(orders + location + "?waitFor=" + until + "&timeout=30s");
                        HttpResponse<String> confirmed = http.send(HttpRequest.newBuilder(wait).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (confirmed.statusCode() == 200 && confirmed.body().contains("\"" + until + "\"")) {
                            histogram.recordValue(Math.max(1, (System.nanoTime() - began) / 1000));
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        n++;
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    finished.countDown();
                }
            });
        }
        while (!finished.await(500, TimeUnit.MILLISECONDS)) {
            progress.update(done.get());
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        progress.update(done.get());
        progress.done();
        if (failed.get() > 0) {
            System.out.println("  " + failed.get() + " HTTP round trips failed or did not confirm");
        }
        return done.get() / elapsed;
    }

    private void send(KafkaProducer<String, SpecificRecord> producer, int i) {
        String orderId = UUID.randomUUID().toString();
        String[] price = prices.get(i % prices.size());
        long unit = Long.parseLong(price[1]);
        OrderRequested order = OrderRequested.newBuilder()
                .setOrderId(orderId)
                .setCustomerId("bench-" + (i % 10_000))
                .setLines(List.of(new OrderLine(price[0], 1, unit)))
                .setTotalCents(unit)
                .setCurrency(price[2])
                .setShippingAddress(new Address("Bench", "1 Loop St", "Lyon", "69001", "FR"))
                .setRequestHash("")
                .setRequestedAt(Instant.now())
                .build();
        sentAtNanos.put(orderId, System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.ORDER_REQUESTED.name(), orderId, order));
    }

    private void awaitOutcomes(int count, Progress progress) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (outcomes.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + outcomes.size() + " of " + count + " orders finished in 10 min");
            }
            progress.update(outcomes.size());
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the platform is idle: no topic (flow topics, changelogs, repartitions) gains a
     * record for a second. A phase then never starts with the previous phase's backlog (a
     * terminal view can be published before inventory has, say, sold the stock of a confirmation).
     */
    private void awaitIdle(Eventshop shop) throws Exception {
        long start = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, shop.kafkaBootstrapServers()))) {
            long deadline = start + TimeUnit.MINUTES.toNanos(5);
            long previous = -1;
            int quiet = 0;
            while (quiet < 4) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The platform did not become idle within 5 min");
                }
                long total = endOffsetSum(admin);
                quiet = total == previous ? quiet + 1 : 0;
                previous = total;
                Thread.sleep(250);
            }
        }
        System.out.printf(Locale.ROOT, "  idle after %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static long endOffsetSum(Admin admin) throws Exception {
        return endOffsets(admin).values().stream().mapToLong(Long::longValue).sum();
    }

    /** End offset of every topic (summed over its partitions). */
    private static Map<String, Long> endOffsets(Admin admin) throws Exception {
        return endOffsets(admin, latestOffsetsRequest(admin, admin.listTopics().names().get()));
    }

    /** A request for the latest offset of every partition of these topics. */
    static Map<TopicPartition, OffsetSpec> latestOffsetsRequest(Admin admin, Set<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions().forEach(p ->
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        return request;
    }

    /** The end offsets the request asks for, summed by topic. */
    static Map<String, Long> endOffsets(Admin admin, Map<TopicPartition, OffsetSpec> request) throws Exception {
        Map<String, Long> byTopic = new java.util.TreeMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> byTopic.merge(tp.topic(), info.offset(), Long::sum));
        return byTopic;
    }

    private Map<String, Long> endOffsetsByTopic(Eventshop shop) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, shop.kafkaBootstrapServers()))) {
            return endOffsets(admin);
        }
    }

    /**
     * Offsets each topic gained during the throughput phase, per order. Transaction markers take
     * an offset too, so this is records plus markers (markers are per partition and commit, not
     * per order: they shrink as batches grow).
     */
    private String recordsPerOrder(Map<String, Long> before, Map<String, Long> after, int orders) {
        StringBuilder out = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long gained = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (gained > 0) {
                total += (double) gained / orders;
                out.append(String.format(Locale.ROOT, "                %6.2f  %s%n", (double) gained / orders, e.getKey()));
            }
        }
        return String.format(Locale.ROOT, "  records     %6.2f offsets per order written (records + transaction markers):%n", total) + out;
    }

    private String outcomeSummary() {
        Map<OrderState, Long> counts = new java.util.TreeMap<>();
        outcomes.values().forEach(state -> counts.merge(state, 1L, Long::sum));
        return counts.toString();
    }

    private static KafkaProducer<String, SpecificRecord> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        return new KafkaProducer<>(props, new StringSerializer(),
                ContractSerde.forTopic(Topics.ORDER_REQUESTED).serializer());
    }

    /** Follows the orders view topic and notes when each benchmark order reaches a terminal state. */
    private final class ViewWatcher extends Thread implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final ContractSerde<Order> serde = ContractSerde.of(Order.class);
        private volatile boolean running = true;

        ViewWatcher(String bootstrap) {
            super("bench-view-watcher");
            setDaemon(true);
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-view-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(Topics.ORDERS_VIEW.name()));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
        }

        @Override
        public void run() {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    Order order = serde.decode(record.value());
                    if (order == null || !finalStates.contains(order.getState())) {
                        continue;
                    }
                    Long sent = sentAtNanos.remove(record.key());
                    if (sent != null) {
                        latencies.recordValue(Math.max(1, (now - sent) / 1000));
                        outcomes.put(record.key(), order.getState());
                        lastTerminalNanos.set(now);
                    }
                }
            }
            consumer.close();
        }

        @Override
        public void close() {
            running = false;
        }
    }

    private static List<String[]> readPrices() throws Exception {
        try (var in = OrderFlowBench.class.getClassLoader().getResourceAsStream("demo/prices.csv")) {
            if (in == null) {
                throw new IllegalStateException("demo/prices.csv not on the class path (orders service)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("productId"))
                    .map(l -> l.split(",")).toList();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temp folder left behind is harmless
        }
    }

}
