package com.eventshop.search.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.PageCrawled;
import com.eventshop.devinfra.TestKafka;
import com.eventshop.search.it.SearchInstances.Response;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Search over the demo catalog plus generated products, end to end through real parts: the
 * catalog service writes PostgreSQL and relays its outbox to the broker; search follows the topics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchFlowTest {

    static final int GENERATED = 80;
    static final String[] ADJECTIVES = {"Compact", "Rugged", "Classic", "Modern", "Vintage", "Deluxe", "Foldable"};
    static final String[] MATERIALS = {"Bamboo", "Leather", "Canvas", "Copper", "Walnut", "Ceramic"};
    static final String[] NOUNS = {"Lantern", "Satchel", "Notebook", "Teapot", "Blanket", "Stool", "Compass",
            "Umbrella"};
    static final String[] CATEGORIES = {"shoes", "apparel", "bags", "kitchen", "books", "electronics", "garden", "toys"};

    @TempDir
    static Path dir;
    static String jdbcUrl;
    static ConfigurableApplicationContext catalog;
    static ConfigurableApplicationContext search;

    @BeforeAll
    static void start() throws Exception {
        jdbcUrl = SearchInstances.freshCatalogDatabase();
        catalog = SearchInstances.catalog(jdbcUrl, dir.resolve("media"));
        Random random = new Random(7);
        for (int i = 0; i < GENERATED; i++) {
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + MATERIALS[random.nextInt(MATERIALS.length)]
                    + " " + NOUNS[random.nextInt(NOUNS.length)];
            String price = BigDecimal.valueOf(100 + random.nextInt(40_000), 2).toPlainString();
            createProduct("gen-" + i, name, "A generated " + name.toLowerCase() + " for testing.", price,
                    CATEGORIES[random.nextInt(CATEGORIES.length)]);
        }
        createProduct("x-1", "<img src=x onerror=alert(1)> Lamp", "Bright & <b>warm</b> light.", "12.00", "electronics");
        TestKafka.send(Topics.CRAWLER_PAGES, "http://127.0.0.1/guide", PageCrawled.newBuilder().setJobId("job-1")
                .setUrl("http://127.0.0.1/guide").setHost("127.0.0.1").setTitle("Care guide for leather boots")
                .setText("Clean leather boots with a soft brush.").setFetchedAt(Instant.now()).setDepth(1)
                .setFields(Map.of()).build());
        search = SearchInstances.search(dir.resolve("data"));
        long expected = sqlCount("select count(*) from product where active");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> search("").json().get("total").asLong() == expected);
    }

    @AfterAll
    static void stop() {
        if (search != null) {
            search.close();
        }
        if (catalog != null) {
            catalog.close();
        }
    }

    static void createProduct(String id, String name, String description, String price, String category) {
        String json = "{\"id\":\"" + id + "\",\"slug\":\"" + id + "\",\"sku\":\"SKU-" + id + "\",\"name\":\"" + name.replace("\"", "\\\"")
                + "\",\"description\":\"" + description + "\",\"price\":{\"amount\":\"" + price
                + "\",\"currency\":\"EUR\"},\"category\":\"" + category + "\"}";
        Response created = SearchInstances.asAdmin("POST", SearchInstances.url(catalog, "/api/catalog/products"), json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    static Response search(String query) {
        return SearchInstances.get(SearchInstances.url(search, "/api/search?q=" + query));
    }

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static long sqlCount(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, SearchInstances.postgres().username(),
                SearchInstances.postgres().password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Order(1)
    void facetCountsEqualTheCatalogDatabase() throws Exception {
        JsonNode all = search("&size=1").json();
        Map<String, Long> sql = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, SearchInstances.postgres().username(),
                SearchInstances.postgres().password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select c.slug, count(*) from product p join category c on c.id = p.category_id"
                     + " where p.active group by c.slug")) {
            while (rs.next()) {
                sql.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, Long> facets = new HashMap<>();
        all.get("facets").get("category").forEach(f -> facets.put(f.get("value").asText(), f.get("count").asLong()));
        assertThat(facets).isEqualTo(sql);
        JsonNode price = all.get("facets").get("price");
        assertThat(price.get(1).get("count").asLong())
                .isEqualTo(sqlCount("select count(*) from product where active and price >= 25 and price < 50"));
        assertThat(price.get(4).get("count").asLong())
                .isEqualTo(sqlCount("select count(*) from product where active and price >= 250"));
        JsonNode lanterns = search(q("lantern") + "&category=garden").json();
        assertThat(lanterns.get("total").asLong()).isEqualTo(sqlCount("select count(*) from product p join category c"
                + " on c.id = p.category_id where p.active and c.slug = 'garden' and p.name ilike '%lantern%'"));
    }

    @Test
    @Order(2)
    void findsWithATypoAPrefixAndASynonym() {
        assertThat(search(q("sneakr ")).json().get("items").get(0).get("id").asText()).isEqualTo("p-002");
        assertThat(search(q("espres")).json().get("items").get(0).get("id").asText()).isEqualTo("p-024");
        assertThat(search(q("tee ")).json().get("items").get(0).get("id").asText()).isEqualTo("p-008");
        JsonNode none = search(q("kiet ")).json();
        assertThat(none.get("total").asLong()).isZero();
        assertThat(none.get("suggestion").asText()).isEqualTo("kite");
    }

    @Test
    @Order(3)
    void highlightsAreEscaped() {
        JsonNode item = null;
        for (JsonNode i : search(q("lamp ")).json().get("items")) {
            if (i.get("id").asText().equals("x-1")) {
                item = i;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.get("titleHtml").asText()).startsWith("&lt;img src=x onerror=alert(1)&gt; <mark>Lamp</mark>");
        assertThat(item.get("snippet").asText()).contains("&lt;b&gt;").doesNotContain("<b>");
    }

    @Test
    @Order(4)
    void deepPagingHasNoDuplicatesOrGaps() {
        long total = search("&size=1").json().get("total").asLong();
        Set<String> seen = new HashSet<>();
        String after = null;
        for (int pages = 0; pages < 100; pages++) {
            JsonNode page = search("&sort=price_asc&size=17" + (after == null ? "" : "&after=" + after)).json();
            page.get("items").forEach(i -> assertThat(seen.add(i.get("id").asText())).isTrue());
            after = page.hasNonNull("next") ? page.get("next").asText() : null;
            if (after == null) {
                break;
            }
        }
        assertThat((long) seen.size()).isEqualTo(total);
    }

    @Test
    @Order(5)
    void crawledPagesAreTheirOwnKind() {
        Response r = search(q("leather boots") + "&type=page");
        JsonNode pages = r.json();
        assertThat(pages.get("total").asLong()).as(r.body() + " / " + search("&type=page").body()).isEqualTo(1);
        assertThat(pages.get("items").get(0).get("url").asText()).isEqualTo("http://127.0.0.1/guide");
    }

    @Test
    @Order(6)
    void badParametersAreProblems() {
        for (String bad : List.of("&size=0", "&size=abc", "&sort=cheapest", "&type=video", "&minPrice=-1",
                "&minPrice=50&maxPrice=10", "&page=9999", "&after=garbage")) {
            Response r = search("x" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).as(bad).startsWith("application/problem+json");
        }
        Response suggest = SearchInstances.get(SearchInstances.url(search, "/api/search/suggest"));
        assertThat(suggest.status()).isEqualTo(400);
        JsonNode typed = SearchInstances.get(SearchInstances.url(search, "/api/search/suggest?q=" + q("mechan"))).json();
        assertThat(typed.get("items").get(0).get("id").asText()).isEqualTo("p-038");
    }

    @Test
    @Order(7)
    void aProductChangeIsSearchableSoon() {
        String json = "{\"id\":\"p-047\",\"sku\":\"SKU-p-047\",\"name\":\"Stunt Kite Zephyr\",\"description\":\"Flies.\","
                + "\"price\":{\"amount\":\"2.99\",\"currency\":\"EUR\"},\"category\":\"toys\"}";
        Response updated = SearchInstances.asAdmin("PUT", SearchInstances.url(catalog, "/api/catalog/products/p-047"),
                json);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        long begin = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> search(q("zephyr ")).json().get("total").asLong() == 1);
        System.out.printf("A product change was searchable after %d ms%n", (System.nanoTime() - begin) / 1_000_000);
    }

    @Test
    @Order(8)
    void aRebuildByReplayAnswersEveryQueryMeanwhile() throws Exception {
        long expected = search("&size=1").json().get("total").asLong();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicLong answered = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                while (running.get()) {
                    Response r = search(q("boot"));
                    Response all = search("&size=1");
                    if (r.status() != 200 || all.status() != 200 || all.json().get("total").asLong() != expected) {
                        failures.incrementAndGet();
                    }
                    answered.incrementAndGet();
                }
            });
            t.start();
            clients.add(t);
        }
        Response rebuilt = SearchInstances.asAdmin("POST", SearchInstances.url(search, "/api/search/admin/rebuild"),
                null);
        Thread.sleep(300);
        running.set(false);
        for (Thread t : clients) {
            t.join();
        }
        assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
        assertThat(rebuilt.json().get("documents").asLong()).isGreaterThanOrEqualTo(expected);
        assertThat(answered.get()).isPositive();
        assertThat(failures.get()).isZero();
        assertThat(search("&size=1").json().get("total").asLong()).isEqualTo(expected);
        Response anonymous = SearchInstances.get(SearchInstances.url(search, "/api/search/admin/rebuild"));
        assertThat(anonymous.status()).isIn(401, 405);
    }
}
