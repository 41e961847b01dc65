package com.eventshop.bench;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.PageCrawled;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Category;
import com.eventshop.contracts.tables.Product;
import com.eventshop.devinfra.KafkaCluster;
import com.eventshop.devinfra.Ports;
import com.eventshop.devinfra.TopicProvisioner;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The search service under load: generated products and crawled pages are written to the
 * catalog and crawler topics of an embedded broker; the search service runs as its own JVM
 * (-Xmx512m, as deployed) and builds its index from them. Prints the index build time, the
 * rebuild-from-Kafka time, query latency with concurrent clients (mixed queries with typos,
 * facets, filters and highlighting), the heap the service used, and the typo recall (share of
 * one-edit misspellings whose product is in the top 5).
 *
 * <p>Options: {@code --products N} (100000), {@code --pages N} (50000), {@code --clients N} (50),
 * {@code --seconds N} (30, measured after a 10 s warm-up), {@code --misspellings N} (200),
 * {@code --heap SIZE} (512m).
 */
public final class SearchBench {

    static final String[] CONSONANTS = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch"};
    static final String[] VOWELS = {"a", "e", "i", "o", "u"};
    static final String[] NOUNS = {"boot", "sneaker", "jacket", "kettle", "lamp", "backpack", "tent", "blanket",
            "mug", "knife", "pan", "bowl", "speaker", "charger", "keyboard", "headphones", "watch", "wallet", "scarf",
            "glove", "helmet", "bottle", "notebook", "pen", "chair", "table", "shelf", "pillow", "towel", "candle",
            "planter", "shovel", "kite", "puzzle", "train", "drone", "camera", "tripod", "umbrella", "sweater"};
    static final String[] ADJECTIVES = {"light", "rugged", "classic", "modern", "compact", "warm", "quiet", "bright",
            "soft", "sturdy", "foldable", "waterproof", "vintage", "handmade", "wireless"};
    static final String[] MATERIALS = {"leather", "canvas", "bamboo", "steel", "cotton", "wool", "ceramic", "walnut",
            "copper", "linen"};
    static final String[] CATEGORIES = {"shoes", "apparel", "bags", "kitchen", "books", "electronics", "garden", "toys",
            "outdoor", "home", "office", "sports", "travel", "audio", "photo", "beauty", "tools", "pets", "music",
            "games"};

    record Generated(String id, String brand, String model, String noun, String category) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int products = Integer.parseInt(options.getOrDefault("products", "100000"));
        int pages = Integer.parseInt(options.getOrDefault("pages", "50000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "50"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int misspellings = Integer.parseInt(options.getOrDefault("misspellings", "200"));
        String heap = options.getOrDefault("heap", "512m");

        System.out.println("Search benchmark on " + MachineInfo.describe());
        System.out.println("Machine load at the start (1-min load average): " + loadAverage());
        System.out.printf(Locale.ROOT, "Config: %,d products, %,d pages, %d clients, %d s measured, search JVM -Xmx%s%n%n",
                products, pages, clients, seconds, heap);
        Path dataDir = Files.createTempDirectory("eventshop-bench-search");
        Process search = null;
        try (KafkaCluster cluster = EmbeddedBroker.start(dataDir.resolve("kafka"))) {
            String bootstrap = cluster.bootstrapServers();
            TopicProvisioner.ensureTopics(bootstrap, Topics.ALL);
            long writeBegin = System.nanoTime();
            List<Generated> catalog = write(bootstrap, products, pages);
            System.out.printf(Locale.ROOT, "Wrote %,d products, %d categories and %,d pages to the topics in %.1f s%n",
                    products, CATEGORIES.length, pages, seconds(writeBegin));

            int port = Ports.freePort();
            String base = "http://localhost:" + port;
            long startBegin = System.nanoTime();
            search = startSearch(bootstrap, port, dataDir, heap);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newFixedThreadPool(4)).build();
            awaitTotal(http, base + "/api/search?size=1", products, Duration.ofMinutes(10), search);
            double build = seconds(startBegin);
            awaitTotal(http, base + "/api/search?size=1&type=page", pages, Duration.ofMinutes(5), search);
            double buildAll = seconds(startBegin);
            System.out.printf(Locale.ROOT, "Index build (JVM start to every product searchable): %.1f s; "
                    + "with every page: %.1f s%n", build, buildAll);

            // Rebuild by replay while queries are answered.
            AtomicBoolean rebuilding = new AtomicBoolean(true);
            AtomicLong duringOk = new AtomicLong();
            AtomicLong duringFailed = new AtomicLong();
            Thread prober = new Thread(() -> {
                while (rebuilding.get()) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
                                + "/api/search?q=boot&size=5")).build(), HttpResponse.BodyHandlers.ofString());
                        (r.statusCode() == 200 ? duringOk : duringFailed).incrementAndGet();
                    } catch (Exception e) {
                        duringFailed.incrementAndGet();
                    }
                }
            });
            prober.start();
            HttpResponse<String> rebuilt = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search/admin/rebuild"))
                    .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            rebuilding.set(false);
            prober.join();
            Matcher millis = Pattern.compile("\"millis\":(\\d+)").matcher(rebuilt.body());
            System.out.printf(Locale.ROOT, "Rebuild from Kafka (replay into a fresh index, swap): %s s (HTTP %d); "
                            + "queries meanwhile: %,d answered, %d failed%n",
                    millis.find() ? String.format(Locale.ROOT, "%.1f", Long.parseLong(millis.group(1)) / 1000.0) : "?",
                    rebuilt.statusCode(), duringOk.get(), duringFailed.get());
            long heapAfterRebuild = heapUsed(http, base);

            // Typo recall.
            Random random = new Random(42);
            int found = 0;
            for (int i = 0; i < misspellings; i++) {
                Generated g = catalog.get(random.nextInt(catalog.size()));
                String query = misspell(g.model(), random) + " " + g.noun() + " ";
                String body = get(http, base + "/api/search?size=5&q=" + enc(query));
                if (body.contains("\"id\":\"" + g.id() + "\"")) {
                    found++;
                }
            }
            System.out.printf(Locale.ROOT, "Typo recall: %d of %d one-edit misspellings have their product in the top 5"
                    + " (%.1f %%)%n", found, misspellings, 100.0 * found / misspellings);

            // Query latency with concurrent clients.
            Histogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(10), 3);
            AtomicLong errors = new AtomicLong();
            AtomicLong peakHeap = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean running = new AtomicBoolean(true);
            HttpClient loadClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newFixedThreadPool(8)).build();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                long seed = c;
                pool.submit(() -> {
                    Random r = new Random(seed);
                    while (running.get()) {
                        String url = base + "/api/search?" + mixedQuery(catalog, r);
                        long begin = System.nanoTime();
                        try {
                            HttpResponse<Void> response = loadClient.send(HttpRequest.newBuilder(URI.create(url)).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            long took = System.nanoTime() - begin;
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                            } else if (measuring.get()) {
                                histogram.recordValue(Math.min(took, histogram.getHighestTrackableValue()));
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(10_000);
            measuring.set(true);
            long measureBegin = System.nanoTime();
            while (seconds(measureBegin) < seconds) {
                peakHeap.accumulateAndGet(heapUsed(http, base), Math::max);
                Thread.sleep(500);
            }
            measuring.set(false);
            double measured = seconds(measureBegin);
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            System.out.println("Machine load while measuring (1-min load average, 2 cores): " + loadAverage());
            System.out.printf(Locale.ROOT, "Queries (%d clients, mixed: typos, prefixes, facets, filters, sorting, "
                            + "highlighting): %,d in %.0f s = %,.0f/s; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms; %d errors%n", clients, histogram.getTotalCount(), measured,
                    histogram.getTotalCount() / measured, ms(histogram.getValueAtPercentile(50)),
                    ms(histogram.getValueAtPercentile(95)), ms(histogram.getValueAtPercentile(99)),
                    ms(histogram.getMaxValue()), errors.get());
            System.out.printf(Locale.ROOT, "Heap used by the search JVM (-Xmx%s): %.0f MB after the rebuild, "
                    + "%.0f MB at most while serving (sampled every 0.5 s)%n", heap, heapAfterRebuild / 1e6,
                    peakHeap.get() / 1e6);
            System.out.printf(Locale.ROOT, "Index on disk: %.0f MB (memory-mapped, outside the heap)%n",
                    size(dataDir.resolve("data/state/search")) / 1e6);
            System.out.println();
            System.out.println("Targets: p95 <= 20 ms, p99 <= 50 ms, recall >= 95 %, rebuild <= 60 s, heap <= 512 MB.");
        } finally {
            if (search != null) {
                search.destroy();
                search.waitFor(20, TimeUnit.SECONDS);
                if (search.isAlive()) {
                    search.destroyForcibly();
                }
            }
            deleteTree(dataDir);
        }
        System.exit(0);
    }

    static String mixedQuery(List<Generated> catalog, Random r) {
        Generated g = catalog.get(r.nextInt(catalog.size()));
        int kind = r.nextInt(10);
        if (kind < 4) { // a typo in the model name, with facets and highlighting
            return "q=" + enc(misspell(g.model(), r) + " " + g.noun() + " ");
        }
        if (kind < 6) { // typing: the brand's first letters
            return "q=" + enc(g.brand().substring(0, Math.min(g.brand().length(), 3 + r.nextInt(3))));
        }
        if (kind < 8) { // a word with a category filter and a price range
            return "q=" + enc(g.noun() + " ") + "&category=" + g.category() + "&minPrice=" + (10 + r.nextInt(50))
                    + "&maxPrice=" + (100 + r.nextInt(300));
        }
        if (kind < 9) { // a word sorted by price
            return "q=" + enc(ADJECTIVES[r.nextInt(ADJECTIVES.length)] + " " + g.noun() + " ") + "&sort=price_asc";
        }
        return "q=" + enc(g.noun() + " care") + "&type=page";
    }

    static String misspell(String word, Random r) {
        char[] letters = "abcdefghijklmnopqrstuvwxyz".toCharArray();
        int pos = r.nextInt(word.length());
        StringBuilder b = new StringBuilder(word);
        switch (r.nextInt(4)) {
            case 0 -> { // substitution
                char c;
                do {
                    c = letters[r.nextInt(letters.length)];
                } while (c == word.charAt(pos));
                b.setCharAt(pos, c);
            }
            case 1 -> b.deleteCharAt(pos);
            case 2 -> b.insert(pos, letters[r.nextInt(letters.length)]);
            default -> { // transposition of two neighbours that differ
                int p = Math.min(pos, word.length() - 2);
                if (word.charAt(p) == word.charAt(p + 1)) {
                    b.setCharAt(p, word.charAt(p) == 'a' ? 'e' : 'a');
                } else {
                    b.setCharAt(p, word.charAt(p + 1));
                    b.setCharAt(p + 1, word.charAt(p));
                }
            }
        }
        return b.toString();
    }

    static String pseudoWord(Random r, int syllables) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            b.append(CONSONANTS[r.nextInt(CONSONANTS.length)]).append(VOWELS[r.nextInt(VOWELS.length)]);
        }
        return b.toString();
    }

    static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    static List<Generated> write(String bootstrap, int products, int pages) throws Exception {
        Random random = new Random(7);
        List<String> brands = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            brands.add(capitalised(pseudoWord(random, 3)));
        }
        Set<String> models = new HashSet<>();
        List<Generated> catalog = new ArrayList<>(products);
        ContractSerde<Product> productSerde = ContractSerde.of(Product.class);
        ContractSerde<Category> categorySerde = ContractSerde.of(Category.class);
        ContractSerde<PageCrawled> pageSerde = ContractSerde.of(PageCrawled.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < CATEGORIES.length; i++) {
                String slug = CATEGORIES[i];
                producer.send(new ProducerRecord<>(Topics.CATALOG_CATEGORIES.name(), "cat-" + i,
                        categorySerde.encode(Category.newBuilder().setCategoryId("cat-" + i).setSlug(slug)
                                .setName(capitalised(slug)).setParentSlug(null).setVersion(1).build())));
            }
            for (int i = 0; i < products; i++) {
                String model;
                do {
                    model = pseudoWord(random, 3);
                } while (!models.add(model));
                String brand = brands.get(random.nextInt(brands.size()));
                String noun = NOUNS[random.nextInt(NOUNS.length)];
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                String id = "gen-" + i;
                String name = brand + " " + capitalised(model) + " " + capitalised(noun);
                String description = "A " + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " "
                        + MATERIALS[random.nextInt(MATERIALS.length)] + " " + noun + " by " + brand + ". "
                        + capitalised(ADJECTIVES[random.nextInt(ADJECTIVES.length)]) + " enough for every day, and "
                        + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " when it matters.";
                Product product = Product.newBuilder().setProductId(id).setSku("SKU-" + i).setSlug(id).setName(name)
                        .setDescription(description).setPriceCents(100 + random.nextInt(50_000)).setCurrency("EUR")
                        .setCategorySlug(category).setActive(true).setImageUrl(null).setVersion(1).build();
                producer.send(new ProducerRecord<>(Topics.CATALOG_PRODUCTS.name(), id, productSerde.encode(product)));
                catalog.add(new Generated(id, brand, model, noun, category));
            }
            for (int i = 0; i < pages; i++) {
                String brand = brands.get(random.nextInt(brands.size()));
                String noun = NOUNS[random.nextInt(NOUNS.length)];
                String url = "http://127.0.0.1:9/" + brand.toLowerCase(Locale.ROOT) + "/" + noun + "-care-" + i;
                StringBuilder text = new StringBuilder();
                for (int s = 0; s < 6; s++) {
                    text.append("How to keep your ").append(ADJECTIVES[random.nextInt(ADJECTIVES.length)]).append(' ')
                            .append(noun).append(" in shape: clean the ")
                            .append(MATERIALS[random.nextInt(MATERIALS.length)]).append(" gently and store it dry. ");
                }
                PageCrawled page = PageCrawled.newBuilder().setJobId("bench").setUrl(url).setHost("127.0.0.1")
                        .setTitle(brand + " guide to " + noun + " care " + i).setText(text.toString())
                        .setFetchedAt(Instant.now()).setDepth(1).setFields(Map.of()).build();
                producer.send(new ProducerRecord<>(Topics.CRAWLER_PAGES.name(), url, pageSerde.encode(page)));
            }
            producer.flush();
        }
        return catalog;
    }

    static Process startSearch(String bootstrap, int port, Path dataDir, String heap) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms" + heap, "-XX:+UseG1GC",
                "-Djava.io.tmpdir=" + dataDir, "-cp", System.getProperty("java.class.path"),
                "com.eventshop.search.SearchApplication",
                "--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--eventshop.data-dir=" + dataDir.resolve("data"), "--eventshop.security.enabled=false",
                "--EVENTSHOP_LOG_FORMAT=plain", "--logging.level.root=WARN",
                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"));
        File log = dataDir.resolve("search.log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    static void awaitTotal(HttpClient http, String url, long expected, Duration timeout, Process search)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pattern total = Pattern.compile("\"total\":(\\d+)");
        while (System.nanoTime() < deadline) {
            if (!search.isAlive()) {
                throw new IllegalStateException("The search JVM stopped (exit " + search.exitValue() + ")");
            }
            try {
                Matcher m = total.matcher(get(http, url));
                if (m.find() && Long.parseLong(m.group(1)) >= expected) {
                    return;
                }
            } catch (Exception e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Not every document was searchable within " + timeout + ": " + url);
    }

    static long heapUsed(HttpClient http, String base) {
        try {
            String metrics = get(http, base + "/actuator/prometheus");
            long used = 0;
            Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+]+)")
                    .matcher(metrics);
            while (m.find()) {
                used += (long) Double.parseDouble(m.group(1));
            }
            return used;
        } catch (Exception e) {
            return -1;
        }
    }

    static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Other work on the machine skews every figure: the 1-minute load average says how much. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static long size(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // best effort
        }
    }
}
