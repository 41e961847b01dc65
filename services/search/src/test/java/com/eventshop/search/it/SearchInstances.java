package com.eventshop.search.it;

import com.eventshop.catalog.CatalogApplication;
import com.eventshop.devinfra.Ports;
import com.eventshop.devinfra.PostgresServer;
import com.eventshop.devinfra.TestKafka;
import com.eventshop.devinfra.TestTokens;
import com.eventshop.search.SearchApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real parts for the search tests: PostgreSQL, the test broker, the catalog service and search. */
final class SearchInstances {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static PostgresServer postgres;

    private SearchInstances() {
    }

    static synchronized PostgresServer postgres() {
        if (postgres == null) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "it-postgres-" + UUID.randomUUID());
            postgres = PostgresServer.start(PostgresServer.Settings.of(dir).withPort(Ports.freePort()));
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        }
        return postgres;
    }

    static String freshCatalogDatabase() {
        String name = "catalog_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        postgres().ensureDatabase(name);
        return postgres().jdbcUrl(name);
    }

    static ConfigurableApplicationContext catalog(String jdbcUrl, Path mediaDir) {
        Map<String, Object> props = common();
        props.put("spring.datasource.url", jdbcUrl);
        props.put("spring.datasource.username", postgres().username());
        props.put("spring.datasource.password", postgres().password());
        props.put("eventshop.catalog.media.local-dir", mediaDir.toString());
        props.put("eventshop.catalog.media.signing-key", "a-test-signing-key-of-enough-bytes");
        props.put("eventshop.catalog.seed-demo", "true");
        return run(CatalogApplication.class, CatalogApplication.CONFIG_NAME, props);
    }

    static ConfigurableApplicationContext search(Path dataDir) {
        Map<String, Object> props = common();
        props.put("eventshop.data-dir", dataDir.toString());
        props.put("spring.autoconfigure.exclude", "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
        return run(SearchApplication.class, SearchApplication.CONFIG_NAME, props);
    }

    private static Map<String, Object> common() {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        props.put("EVENTSHOP_LOG_FORMAT", "plain");
        props.put("eventshop.security.jwks-uri", TestTokens.shared().jwksUri());
        return props;
    }

    private static ConfigurableApplicationContext run(Class<?> app, String configName, Map<String, Object> props) {
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(app).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .registerShutdownHook(false).properties(Map.of("spring.config.name", configName)).run(args);
    }

    static String url(ConfigurableApplicationContext context, String path) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort() + path;
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static Response asAdmin(String method, String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", TestTokens.bearer(TestTokens.shared().admin()))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
