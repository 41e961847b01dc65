package com.eventshop.crawler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.PageCrawled;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.crawler.CrawlerApplication;
import com.eventshop.crawler.it.LoopbackSite.Reply;
import com.eventshop.devinfra.TestKafka;
import com.eventshop.devinfra.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The crawler on a real broker against web sites the test serves on loopback, several virtual
 * hosts on distinct 127.0.0.x addresses: robots.txt with Disallow, Crawl-delay and a sitemap,
 * a host whose robots.txt fails, duplicate URLs in different spellings, a calendar trap, a 429
 * with Retry-After, near-duplicate and bad pages; then limits, cancelling, and a crawler stopped
 * mid-job that resumes.
 */
class CrawlerIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(40);
    static final long MIN_DELAY_MS = 100;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Path DATA = Path.of(System.getProperty("java.io.tmpdir"), "it-data-" + UUID.randomUUID());

    static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        app = startCrawler();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static ConfigurableApplicationContext startCrawler() {
        return new SpringApplicationBuilder(CrawlerApplication.class).properties(Map.of(
                "spring.config.name", "crawler", "CRAWLER_PORT", "0",
                "EVENTSHOP_COMMIT_INTERVAL_MS", "50", "EVENTSHOP_LOG_FORMAT", "plain",
                "spring.kafka.bootstrap-servers", TestKafka.bootstrapServers(),
                "eventshop.security.jwks-uri", TestTokens.shared().jwksUri(),
                "EVENTSHOP_DATA_DIR", DATA.toString(),
                "CRAWLER_MIN_DELAY", MIN_DELAY_MS + "ms",
                "eventshop.crawler.fetch-timeout", "3s",
                "eventshop.crawler.max-urls-per-shape", "40")).run();
    }

    static int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    // ---------------------------------------------------------------- the site

    /** Text unlike any other page's: random words from a seed. */
    static String words(long seed, int n) {
        Random random = new Random(seed);
        String[] vocabulary = ("kettle garden chair lamp table blue red steel oak linen cotton wool glass "
                + "cup plate bowl knife fork spoon towel pillow rug mirror clock shelf basket candle vase "
                + "brush soap jar tray hook rail stool bench desk sofa bed sheet blanket curtain").split(" ");
        return IntStream.range(0, n).mapToObj(i -> vocabulary[random.nextInt(vocabulary.length)] + (random.nextInt(50)))
                .collect(Collectors.joining(" "));
    }

    static Reply page(String title, String body, String... links) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>").append(title)
                .append("</title></head><body><h1>").append(title).append("</h1>").append(body);
        for (String link : links) {
            html.append("\n<a href=\"").append(link).append("\">link</a>");
        }
        return Reply.html(html.append("</body></html>").toString());
    }

    static String path(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    static String query(String uri, String name) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- HTTP

    static HttpResponse<String> send(HttpRequest.Builder request, String token) {
        try {
            if (token != null) {
                request.header("Authorization", TestTokens.bearer(token));
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(String body, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/api/crawler/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    static String startJob(String body) {
        HttpResponse<String> response = post(body, TestTokens.shared().admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode node = JSON.readTree(response.body());
        assertThat(node.get("state").asString()).isEqualTo("QUEUED");
        return node.get("id").asString();
    }

    static JsonNode job(String id) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port() + "/api/crawler/jobs/" + id)).GET(), TestTokens.shared().admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static JsonNode awaitState(String id, String state) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(job(id).get("state").asString()).isEqualTo(state));
        return job(id);
    }

    static List<PageCrawled> pages(String jobId, int atLeast) {
        ContractSerde<PageCrawled> serde = ContractSerde.of(PageCrawled.class);
        List<PageCrawled> pages = new ArrayList<>();
        TestKafka.read(Topics.CRAWLER_PAGES.name(), Duration.ofSeconds(15), records -> {
            pages.clear();
            records.forEach(r -> {
                PageCrawled page = serde.decode(r.value());
                if (page.getJobId().equals(jobId)) {
                    pages.add(page);
                }
            });
            return pages.size() >= atLeast;
        });
        return pages;
    }

    /** Consecutive requests to one host are never closer than {@code minGapMs}. */
    static void assertPolite(List<LoopbackSite.Hit> hits, String host, long minGapMs) {
        List<LoopbackSite.Hit> mine = hits.stream().filter(h -> h.host().equals(host)).toList();
        for (int i = 1; i < mine.size(); i++) {
            long gapMs = (mine.get(i).atNanos() - mine.get(i - 1).atNanos()) / 1_000_000;
            assertThat(gapMs).as("gap before %s on %s", mine.get(i).uri(), host).isGreaterThanOrEqualTo(minGapMs - 1);
        }
    }

    static void assertNothingFetchedTwice(List<LoopbackSite.Hit> hits) {
        Map<String, Long> counts = hits.stream().collect(Collectors.groupingBy(h -> h.host() + h.uri(), Collectors.counting()));
        assertThat(counts).allSatisfy((uri, count) -> assertThat(count).as(uri).isEqualTo(1L));
    }

    // ---------------------------------------------------------------- tests

    @Test
    void crawlsPolitelyOnceEachWithinScope() {
        try (LoopbackSite site = new LoopbackSite()) {
            AtomicInteger busy = new AtomicInteger();
            String[] a = new String[1];
            String b = site.host("127.0.0.2", uri -> switch (path(uri)) {
                case "/robots.txt" -> Reply.text(404, "none here");
                case "/" -> page("B home", "<p>" + words(1000, 80) + "</p>", "/b/1", "/b/2", "/b/3", a[0] + "/");
                default -> path(uri).startsWith("/b/") ? page("B " + uri, "<p>" + words(uri.hashCode(), 80) + "</p>", "/")
                        : null;
            });
            String c = site.host("127.0.0.3", uri -> uri.equals("/robots.txt") ? Reply.text(503, "down")
                    : page("C", "<p>never</p>"));
            a[0] = site.host("127.0.0.1", uri -> {
                String origin = a[0];
                return switch (path(uri)) {
                    case "/robots.txt" -> Reply.text(200, "User-agent: *\nDisallow: /private\nCrawl-delay: 0.25\n\nSitemap: "
                            + origin + "/sitemap.xml\n");
                    case "/sitemap.xml" -> new Reply(200, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>" + origin
                            + "/from-sitemap</loc></url><url><loc>" + origin + "/p/1</loc></url></urlset>")
                            .getBytes(StandardCharsets.UTF_8), Map.of());
                    case "/" -> page("Shop home", "<p>" + words(1, 80) + "</p>",
                            "/p/1", "/p/2", "/p/3", "/p/1?b=2&a=1", "/p/1?a=1&b=2", origin.toUpperCase() + "/p/2#reviews",
                            "/p/3;jsessionid=ABC123", "/./p/2", "/private/secret", c + "/page", b + "/",
                            "/cal?day=0", "/dup/1", "/dup/2", "/busy", "/file.pdf", "/broken", "mailto:shop@example.com",
                            "javascript:void(0)");
                    case "/p/1", "/p/2", "/p/3", "/p/4", "/p/5", "/p/6", "/p/7" -> {
                        int n = Integer.parseInt(path(uri).substring(3));
                        yield page("Product " + n, "<p class=\"price\">" + n + ".99 EUR</p><p>" + words(n, 80) + "</p>",
                                "/p/" + (n + 1), "/", "/p/1?a=1&b=2");
                    }
                    case "/cal" -> {
                        int day = Integer.parseInt(query(uri, "day"));
                        yield page("Day " + day, "<p>" + words(500 + day, 60) + "</p>", "/cal?day=" + (day + 1),
                                "/cal?day=" + (day + 30));
                    }
                    case "/dup/1", "/dup/2" -> page("Same", "<p>" + words(77, 120) + "</p>");
                    case "/busy" -> busy.getAndIncrement() == 0
                            ? new Reply(429, "text/plain", new byte[0], Map.of("Retry-After", "1"))
                            : page("Finally", "<p>" + words(99, 60) + "</p>");
                    case "/file.pdf" -> new Reply(200, "application/pdf", new byte[]{'%', 'P', 'D', 'F'}, Map.of());
                    case "/broken" -> new Reply(200, "text/html; charset=utf-8",
                            new byte[]{'<', 'p', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'p', '>'}, Map.of());
                    case "/from-sitemap" -> page("Only in the sitemap", "<p>" + words(123, 60) + "</p>");
                    default -> null;
                };
            });
            String hostA = a[0].substring(7);
            String hostB = b.substring(7);
            String hostC = c.substring(7);

            String id = startJob("""
                    {"seeds": ["%s/", "%s"], "maxDepth": 4, "maxPages": 100,
                     "allowedDomains": ["127.0.0.1", "127.0.0.2", "127.0.0.3"], "params": {"price": ".price"}}"""
                    .formatted(a[0], b));
            JsonNode done = awaitState(id, "DONE");
            List<LoopbackSite.Hit> hits = site.hits();

            // robots.txt: no disallowed URL, nothing at all from a host whose robots.txt fails
            assertThat(hits).noneMatch(h -> h.uri().startsWith("/private"));
            assertThat(hits.stream().filter(h -> h.host().equals(hostC)).map(LoopbackSite.Hit::uri)).containsOnly("/robots.txt");
            assertThat(hits).allMatch(h -> h.userAgent() != null && h.userAgent().contains("Eventshop"));
            // once each: the duplicate spellings were one URL; /busy twice, the 429 and the retry
            List<LoopbackSite.Hit> pageHits = site.pageHits();
            assertNothingFetchedTwice(pageHits.stream().filter(h -> !h.uri().equals("/busy")).toList());
            List<LoopbackSite.Hit> busyHits = pageHits.stream().filter(h -> h.uri().equals("/busy")).toList();
            assertThat(busyHits).hasSize(2);
            assertThat((busyHits.get(1).atNanos() - busyHits.get(0).atNanos()) / 1_000_000).isGreaterThanOrEqualTo(999);
            // politeness: A's Crawl-delay, B's configured minimum
            assertPolite(hits, hostA, 250);
            assertPolite(hits, hostB, MIN_DELAY_MS);
            // the sitemap's page, the trap held by depth, limits
            assertThat(pageHits).anyMatch(h -> h.uri().equals("/from-sitemap"));
            assertThat(pageHits.stream().filter(h -> h.uri().startsWith("/cal"))).hasSizeLessThanOrEqualTo(15);
            assertThat(pageHits).anyMatch(h -> h.uri().equals("/p/6")); // depth 4 from the root's link to /p/3
            assertThat(pageHits).noneMatch(h -> h.uri().equals("/p/7")); // depth 5

            assertThat(done.get("skippedByRobots").asLong()).isEqualTo(2); // /private/secret and C's page
            assertThat(done.get("duplicates").asLong()).isGreaterThan(5);
            // /dup/2 is /dup/1 again; /p/1?a=1&b=2 is /p/1 again (the site ignores the query)
            assertThat(done.get("nearDuplicates").asLong()).isEqualTo(2);
            assertThat(done.get("badPages").asLong()).isEqualTo(2);
            assertThat(done.get("errors").asLong()).isZero();
            assertThat(done.get("outstanding").asLong()).isZero();
            long fetched = done.get("fetched").asLong();
            assertThat(fetched).isEqualTo(pageHits.size() - 1 /* the 429 */ - 2 /* bad */ - 1 /* sitemap.xml */);

            List<PageCrawled> pages = pages(id, (int) fetched - 2);
            assertThat(pages).hasSize((int) fetched - 2); // near-duplicates left out
            assertThat(pages.stream().map(PageCrawled::getUrl)).doesNotHaveDuplicates();
            PageCrawled p1 = pages.stream().filter(p -> p.getUrl().equals(a[0] + "/p/1")).findFirst().orElseThrow();
            assertThat(p1.getTitle()).isEqualTo("Product 1");
            assertThat(p1.getFields()).containsEntry("price", "1.99 EUR");
            assertThat(p1.getHost()).isEqualTo(hostA);
            assertThat(p1.getDepth()).isEqualTo(1);
            assertThat(pages.stream().filter(p -> p.getUrl().endsWith("/dup/1") || p.getUrl().endsWith("/dup/2"))).hasSize(1);
        }
    }

    @Test
    void depthAndPageLimitsHold() {
        try (LoopbackSite site = new LoopbackSite()) {
            String d = site.host("127.0.0.4", uri -> {
                if (uri.equals("/robots.txt")) {
                    return Reply.text(404, "");
                }
                if (uri.equals("/")) {
                    return page("Root", "<p>" + words(4, 50) + "</p>", IntStream.rangeClosed(1, 20).mapToObj(i -> "/n/" + i)
                            .toArray(String[]::new));
                }
                return page("Node " + uri, "<p>" + words(uri.hashCode(), 50) + "</p>", uri + "/deeper");
            });
            String shallow = startJob("{\"seeds\": [\"" + d + "/\"], \"maxDepth\": 1, \"maxPages\": 1000}");
            JsonNode first = awaitState(shallow, "DONE");
            assertThat(first.get("fetched").asLong()).isEqualTo(21);
            assertThat(site.pageHits()).noneMatch(h -> h.uri().endsWith("/deeper"));

            String few = startJob("{\"seeds\": [\"" + d + "/\"], \"maxDepth\": 5, \"maxPages\": 6}");
            JsonNode second = awaitState(few, "DONE");
            assertThat(second.get("queued").asLong()).isEqualTo(6);
            assertThat(second.get("fetched").asLong()).isEqualTo(6);
            assertThat(site.pageHits()).hasSize(21 + 6);
        }
    }

    @Test
    void badRequestsAreRefusedAndNamed() {
        for (String seed : List.of("file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "http://", "not a url")) {
            HttpResponse<String> response = post("{\"seeds\": [\"http://127.0.0.1/\", \"" + seed + "\"]}",
                    TestTokens.shared().admin());
            assertThat(response.statusCode()).as(seed).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo("seeds[1]");
        }
        HttpResponse<String> depth = post("{\"seeds\": [\"http://127.0.0.1/\"], \"maxDepth\": -1}", TestTokens.shared().admin());
        assertThat(JSON.readTree(depth.body()).get("field").asString()).isEqualTo("maxDepth");
        HttpResponse<String> selector = post("{\"seeds\": [\"http://127.0.0.1/\"], \"params\": {\"price\": \"<<\"}}",
                TestTokens.shared().admin());
        assertThat(JSON.readTree(selector.body()).get("field").asString()).isEqualTo("params.price");
        assertThat(post("{\"seeds\": [\"http://127.0.0.1/\"]}", null).statusCode()).isEqualTo(401);
        assertThat(post("{\"seeds\": [\"http://127.0.0.1/\"]}", TestTokens.shared().customer("c-1")).statusCode())
                .isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/api/crawler/jobs/nope")).GET(),
                TestTokens.shared().admin()).statusCode()).isEqualTo(404);
    }

    @Test
    void aCancelledJobStopsFetching() throws InterruptedException {
        try (LoopbackSite site = new LoopbackSite()) {
            String g = site.host("127.0.0.7", uri -> uri.equals("/robots.txt") ? Reply.text(200, "User-agent: *\nCrawl-delay: 0.3\n")
                    : page("G " + uri, "<p>" + words(uri.hashCode(), 40) + "</p>",
                    IntStream.rangeClosed(1, 50).mapToObj(i -> "/g/" + i).toArray(String[]::new)));
            String id = startJob("{\"seeds\": [\"" + g + "/\"], \"maxDepth\": 2, \"maxPages\": 500}");
            await().atMost(WAIT).until(() -> job(id).get("fetched").asLong() >= 2);
            HttpResponse<String> cancel = send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port() + "/api/crawler/jobs/" + id)).DELETE(), TestTokens.shared().admin());
            assertThat(cancel.statusCode()).isEqualTo(202);
            awaitState(id, "CANCELLED");
            Thread.sleep(400); // at most the tick already under way
            int hitsAfterCancel = site.pageHits().size();
            Thread.sleep(1000);
            assertThat(site.pageHits()).hasSize(hitsAfterCancel);
            assertThat(hitsAfterCancel).isLessThan(20);
        }
    }

    @Test
    void aCrawlerStoppedMidJobResumesWithoutRefetchingOrLosingPages() {
        try (LoopbackSite site = new LoopbackSite()) {
            Map<String, String> origins = new HashMap<>();
            for (String address : List.of("127.0.0.5", "127.0.0.6")) {
                origins.put(address, site.host(address, uri -> uri.equals("/robots.txt") ? Reply.text(404, "")
                        : uri.equals("/") ? page("Root " + address, "<p>" + words(address.hashCode(), 60) + "</p>",
                        IntStream.rangeClosed(1, 30).mapToObj(i -> "/r/" + i).toArray(String[]::new))
                        : page("R " + uri, "<p>" + words((address + uri).hashCode(), 60) + "</p>", "/")));
            }
            String id = startJob("{\"seeds\": [\"%s/\", \"%s/\"], \"maxDepth\": 1, \"maxPages\": 1000}"
                    .formatted(origins.get("127.0.0.5"), origins.get("127.0.0.6")));
            await().atMost(WAIT).until(() -> job(id).get("fetched").asLong() >= 12);

            app.close(); // mid-job
            int hitsWhileDown = site.pageHits().size();
            assertThat(hitsWhileDown).isLessThan(62);
            app = startCrawler();

            JsonNode done = awaitState(id, "DONE");
            assertThat(done.get("fetched").asLong()).isEqualTo(62);
            assertNothingFetchedTwice(site.pageHits());
            assertThat(site.pageHits()).hasSize(62);
            List<PageCrawled> pages = pages(id, 62);
            assertThat(pages.stream().map(PageCrawled::getUrl).distinct()).as(done.toString() + site.pageHits()).hasSize(62);
            assertPolite(site.hits(), origins.get("127.0.0.5").substring(7), MIN_DELAY_MS);
        }
    }
}
