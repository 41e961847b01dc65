package com.eventshop.bench;

import com.eventshop.contracts.Topics;
import com.eventshop.crawler.CrawlerApplication;
import com.eventshop.devinfra.KafkaCluster;
import com.eventshop.devinfra.TestTokens;
import com.eventshop.devinfra.TopicProvisioner;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run crawl [--hosts 50] [--pages-per-host 40] [--delay-ms 500] [--seen-urls 1000000]}:
 * <ol>
 * <li>the crawler (one instance, a real broker) crawls a generated site of {@code hosts} virtual
 *     hosts on loopback (127.0.0.10, .11, ...), each with robots.txt asking for a Crawl-delay of
 *     {@code delay-ms}; prints pages/s and the shortest gap it saw between two requests to one host;</li>
 * <li>the seen-set's memory: {@code seen-urls} URLs put into the same kind of store the crawler's
 *     job processor uses (Kafka Streams' persistent RocksDB key-value store, "jobId url" keys),
 *     and the heap, resident memory and disk it took, per million URLs.</li>
 * </ol>
 */
public final class CrawlBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int hosts = Integer.parseInt(options.getOrDefault("hosts", "50"));
        int pagesPerHost = Integer.parseInt(options.getOrDefault("pages-per-host", "40"));
        long delayMs = Long.parseLong(options.getOrDefault("delay-ms", "500"));
        int seenUrls = Integer.parseInt(options.getOrDefault("seen-urls", "1000000"));
        Path dir = Files.createTempDirectory("crawl-bench");
        System.out.println(MachineInfo.describe());

        int status = 0;
        try {
            seenSetMemory(dir.resolve("seen"), seenUrls);
            crawl(dir, hosts, pagesPerHost, delayMs);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status); // the site's and the broker's threads would keep the JVM alive
    }

    // ------------------------------------------------------------------ the crawl

    static void crawl(Path dir, int hosts, int pagesPerHost, long delayMs) throws Exception {
        System.out.printf("%nCrawl: %d hosts x %d pages, Crawl-delay %d ms per host (one request in flight per host)%n",
                hosts, pagesPerHost, delayMs);
        Map<String, List<Long>> hits = new ConcurrentHashMap<>();
        List<HttpServer> servers = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0." + (10 + h)), 0), 50);
            String origin = "http://127.0.0." + (10 + h) + ":" + server.getAddress().getPort();
            origins.add(origin);
            servers.add(server);
        }
        for (int h = 0; h < hosts; h++) {
            int host = h;
            HttpServer server = servers.get(h);
            String key = origins.get(h);
            server.createContext("/", exchange -> {
                hits.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime());
                String path = exchange.getRequestURI().getPath();
                byte[] body;
                String type = "text/html; charset=utf-8";
                if (path.equals("/robots.txt")) {
                    body = ("User-agent: *\nDisallow: /private/\nCrawl-delay: " + (delayMs / 1000.0) + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                    type = "text/plain";
                } else {
                    int i = path.startsWith("/p/") ? Integer.parseInt(path.substring(3)) : 0;
                    StringBuilder html = new StringBuilder("<html><head><title>Host " + host + " page " + i
                            + "</title></head><body><h1>Page " + i + " of host " + host + "</h1><p>");
                    java.util.Random random = new java.util.Random(host * 100_003L + i);
                    for (int w = 0; w < 150; w++) {
                        html.append("word").append(random.nextInt(5000)).append(' ');
                    }
                    html.append("</p>");
                    for (int l = 1; l <= 5; l++) {
                        html.append("<a href=\"/p/").append((i + l) % pagesPerHost).append("\">next</a> ");
                    }
                    html.append("<a href=\"").append(origins.get((host + 1) % hosts)).append("/p/").append(i)
                            .append("\">neighbour</a> <a href=\"/private/x\">private</a></body></html>");
                    body = html.toString().getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().add("Content-Type", type);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
        }

        KafkaCluster kafka = EmbeddedBroker.start(dir.resolve("kafka"));
        TopicProvisioner.ensureTopics(kafka.bootstrapServers(), Topics.ALL);
        TestTokens tokens = TestTokens.shared();
        ConfigurableApplicationContext crawler = new SpringApplicationBuilder(CrawlerApplication.class).properties(Map.of(
                "spring.config.name", "crawler", "CRAWLER_PORT", "0", "EVENTSHOP_LOG_FORMAT", "plain",
                "logging.level.root", "WARN",
                "spring.autoconfigure.exclude", "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "eventshop.security.jwks-uri", tokens.jwksUri(),
                "EVENTSHOP_DATA_DIR", dir.resolve("data").toString(),
                "CRAWLER_MIN_DELAY", delayMs + "ms")).run();
        int port = ((WebServerApplicationContext) crawler).getWebServer().getPort();
        HttpClient http = HttpClient.newHttpClient();
        String admin = "Bearer " + tokens.admin();
        // the clock starts once stream processing runs: start-up is not crawling
        long readySince = System.nanoTime();
        while (System.nanoTime() - readySince < 180_000_000_000L) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/crawler/jobs")).header("Authorization", admin).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() == 200) {
                break;
            }
            Thread.sleep(200);
        }
        System.out.printf("  the crawler's stream processing ran %.1f s after its start%n", (System.nanoTime() - readySince) / 1e9);
        String seeds = origins.stream().map(o -> "\"" + o + "/\"").reduce((a, b) -> a + "," + b).orElseThrow();
        int total = hosts * pagesPerHost;
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/crawler/jobs"))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seeds\":[" + seeds + "],\"maxDepth\":50,\"maxPages\":" + total
                        + ",\"allowedDomains\":[" + origins.stream().map(o -> "\"" + URI.create(o).getHost() + "\"")
                        .reduce((a, b) -> a + "," + b).orElseThrow() + "]}")).build(), HttpResponse.BodyHandlers.ofString());
        String id = JSON.readTree(started.body()).get("id").asString();
        long t0 = System.nanoTime();
        long tFirst = 0;
        long at10 = 0;
        long at90 = 0;
        JsonNode job;
        while (true) {
            Thread.sleep(250);
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/crawler/jobs/" + id)).header("Authorization", admin).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (status.statusCode() != 200) {
                continue;
            }
            job = JSON.readTree(status.body());
            String state = job.get("state").asString();
            long fetched = job.get("fetched").asLong();
            long now = System.nanoTime();
            if (tFirst == 0 && fetched > 0) {
                tFirst = now;
            }
            if (at10 == 0 && fetched >= total / 10) {
                at10 = now;
            }
            if (at90 == 0 && fetched >= total * 9 / 10) {
                at90 = now;
            }
            System.out.printf("\r  %-8s %5.1f s  fetched %d/%d  robots-skipped %d  duplicates %d   ",
                    job.get("state").asString(), (now - t0) / 1e9, fetched, total,
                    job.get("skippedByRobots").asLong(), job.get("duplicates").asLong());
            if (Stream.of("DONE", "FAILED", "CANCELLED").anyMatch(state::equals)) {
                break;
            }
        }
        long end = System.nanoTime();
        long fetched = job.get("fetched").asLong();
        System.out.println();
        long minGapMs = Long.MAX_VALUE;
        for (List<Long> times : hits.values()) {
            List<Long> sorted = new ArrayList<>(times);
            sorted.sort(null);
            for (int i = 1; i < sorted.size(); i++) {
                minGapMs = Math.min(minGapMs, (sorted.get(i) - sorted.get(i - 1)) / 1_000_000);
            }
        }
        long requests = hits.values().stream().mapToLong(List::size).sum();
        System.out.printf("  pages fetched        %d in %.1f s (job start to DONE): %.1f pages/s%n", fetched,
                (end - t0) / 1e9, fetched / ((end - t0) / 1e9));
        System.out.printf("  steady state         %.1f pages/s (10%% to 90%% of the pages)%n",
                (total * 0.8) / ((at90 - at10) / 1e9));
        System.out.printf("  politeness ceiling   %.1f pages/s (%d hosts / %d ms)%n", hosts * 1000.0 / delayMs, hosts, delayMs);
        System.out.printf("  requests to the site %d (robots.txt included); shortest gap between two requests to one host: %d ms%n",
                requests, minGapMs);
        crawler.close();
        kafka.close();
        servers.forEach(s -> s.stop(0));
    }

    // ------------------------------------------------------------------ the seen-set

    static void seenSetMemory(Path dir, int urls) throws IOException {
        System.out.printf("%nSeen-set: %,d URLs into a persistent RocksDB key-value store (\"jobId url\" keys)%n", urls);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("crawl-seen"),
                Serdes.String(), Serdes.String()).withLoggingDisabled()); // the changelog lives on the broker
        builder.stream("seen", Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, Void, Void>() {
                    private KeyValueStore<String, String> seen;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        seen = context.getStateStore("crawl-seen");
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        for (String url : record.value().split("\n")) {
                            String key = record.key() + " " + url;
                            if (seen.get(key) == null) {
                                seen.put(key, "");
                            }
                        }
                    }
                }, "crawl-seen");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "crawl-bench");
        config.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        long heapBefore = usedHeapAfterGc();
        long rssBefore = MemoryUse.ownResidentBytes();
        long keyBytes = 0;
        String jobId = java.util.UUID.randomUUID().toString();
        long t0 = System.nanoTime();
        double seconds;
        long disk;
        long rssHalf = 0;
        long heapAfter;
        long rssAfter;
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            TestInputTopic<String, String> input = driver.createInputTopic("seen", new StringSerializer(), new StringSerializer());
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < urls; i++) {
                String url = "http://127.0.0." + (i % 200) + ":8080/catalog/" + (i / 200 % 97) + "/product-" + i + "?colour=blue&size=" + (i % 7);
                keyBytes += jobId.length() + 1 + url.length();
                batch.append(url).append('\n');
                if (i % 1000 == 999 || i == urls - 1) {
                    input.pipeInput(jobId, batch.toString());
                    batch.setLength(0);
                }
                if (i + 1 == urls / 2) {
                    rssHalf = MemoryUse.ownResidentBytes();
                }
                if ((i + 1) % (urls / 4) == 0) {
                    System.out.printf("  after %,9d URLs: heap %6.1f MB, resident %6.1f MB, store on disk %6.1f MB%n", i + 1,
                            usedHeapAfterGc() / 1e6, MemoryUse.ownResidentBytes() / 1e6, size(dir) / 1e6);
                }
            }
            seconds = (System.nanoTime() - t0) / 1e9;
            heapAfter = usedHeapAfterGc();
            rssAfter = MemoryUse.ownResidentBytes();
            disk = size(dir); // the driver commits (flushes) after every input record
        }
        double millions = urls / 1_000_000.0;
        System.out.printf("  %,d URLs in %.1f s (%,.0f lookups+puts/s); raw keys %.0f MB%n", urls, seconds,
                urls / seconds, keyBytes / 1e6);
        System.out.printf("  per million seen URLs: heap %+.1f MB, disk %.1f MB; resident %+.1f MB over the run, of which"
                + " %+.1f MB in its second half (RocksDB's memtables and block cache are bounded: resident memory"
                + " levels off, the store grows on disk)%n",
                (heapAfter - heapBefore) / 1e6 / millions, disk / 1e6 / millions, (rssAfter - rssBefore) / 1e6 / millions,
                (rssAfter - rssHalf) / 1e6);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long size(Path dir) throws IOException {
        AtomicLong total = new AtomicLong();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    total.addAndGet(Files.size(f));
                } catch (IOException e) {
                    // a file RocksDB just removed
                }
            });
        }
        return total.get();
    }
}
