package com.eventshop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.devinfra.Ports;
import com.eventshop.devinfra.TestTokens;
import com.eventshop.platform.web.RawHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway on its own: the token check at the edge, the request log (shipped to a Logstash
 * TCP input played by this test), trusted proxies, redaction, security headers and the size
 * limit. No service runs behind it, so an accepted call meets a 503 problem.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayEdgeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final TestTokens TOKENS = TestTokens.shared();

    ServerSocket logstash;
    final BlockingQueue<String> shipped = new LinkedBlockingQueue<>();
    ConfigurableApplicationContext gateway;
    int port;

    @BeforeAll
    void start() throws IOException {
        logstash = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!logstash.isClosed()) {
                try (Socket socket = logstash.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                    in.lines().forEach(shipped::add);
                } catch (IOException e) {
                    // closed at the end
                }
            }
        }, "logstash-input");
        accept.setDaemon(true);
        accept.start();
        String nowhere = "http://127.0.0.1:" + Ports.freePort();
        gateway = new SpringApplicationBuilder(GatewayApplication.class).bannerMode(Banner.Mode.OFF)
                .properties(Map.of("spring.config.name", "gateway"))
                .run("--server.port=0", "--EVENTSHOP_LOG_FORMAT=plain",
                        "--eventshop.security.jwks-uri=" + TOKENS.jwksUri(),
                        "--eventshop.gateway.trusted-proxies=127.0.0.1",
                        "--eventshop.gateway.request-log.logstash-destination=127.0.0.1:" + logstash.getLocalPort(),
                        "--eventshop.gateway.services.orders.instances=" + nowhere,
                        "--eventshop.gateway.services.accounts.instances=" + nowhere,
                        "--eventshop.gateway.services.inventory.instances=",
                        "--eventshop.gateway.services.payments.instances=",
                        "--eventshop.gateway.services.catalog.instances=",
                        "--eventshop.gateway.services.search.instances=");
        port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    @AfterAll
    void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        logstash.close();
    }

    @Test
    void missingExpiredForgedUnsignedAndUnknownKidTokensGet401AtTheGateway() {
        assertThat(get("/api/orders/o-1", null).statusCode()).isEqualTo(401);
        for (String bad : List.of(TOKENS.expired("c-1"), TOKENS.forged("c-1"), TOKENS.unsigned("c-1"),
                TOKENS.unknownKid("c-1"), "garbage")) {
            HttpResponse<String> response = get("/api/orders/o-1", bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        // a good token passes the check; nothing runs behind: a 503 problem naming the capability
        HttpResponse<String> accepted = get("/api/orders/o-1", TOKENS.customer("c-1"));
        assertThat(accepted.statusCode()).isEqualTo(503);
        assertThat(json(accepted).get("capability").asString()).isEqualTo("order");
    }

    List<RawHttp.Probe> malformedRequests() {
        return RawHttp.malformedRequests("/api/orders");
    }

    /**
     * What Tomcat rejects at the gateway before any filter runs (bad escapes, dot segments,
     * control characters, oversized headers, bad methods) is problem+json, as the services answer.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void malformedRequestsGetProblemJsonAtTheGateway(RawHttp.Probe probe) throws IOException {
        List<String> headers = new java.util.ArrayList<>(probe.headers());
        headers.add("Authorization: Bearer " + TOKENS.customer("c-1"));
        RawHttp.Response response = RawHttp.send(port, probe.requestLine(), headers.toArray(String[]::new));
        assertThat(response.status()).as(probe + ": " + response).satisfiesAnyOf(
                status -> assertThat(status).isBetween(400, 499), status -> assertThat(status).isEqualTo(505));
        assertThat(response.contentType()).as(probe + ": " + response).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).as(probe + ": " + response).isEqualTo(response.status());
        assertThat(problem.path("title").asString()).as(probe + ": " + response).isNotBlank();
        assertThat(response.body()).as(probe + ": no server internals").doesNotContain("Exception", "Tomcat", "<html");
    }

    @Test
    void statusIsPublicAndAnswersWithSecurityHeaders() {
        HttpResponse<String> status = get("/api/status", null);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(json(status).get("capabilities").get("order").asString()).isIn("up", "degraded");
        assertThat(status.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(status.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(status.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + "x".repeat(70_000) + "\"}")));
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void requestLogLinesAreJsonWithTheFieldsAndNoSecrets() throws Exception {
        String password = "hunter2-very-secret";
        String card = "4111 1111 1111 1111";
        String token = TOKENS.customer("c-log");
        send(HttpRequest.newBuilder(uri("/api/auth/login?trace=login-1")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", "203.0.113.7, 10.0.0.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ada@example.org\",\"password\":\"" + password + "\"}")));
        send(HttpRequest.newBuilder(uri("/api/orders?trace=order-1")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[],\"cardNumber\":\"" + card + "\",\"note\":\"pay with "
                        + card + "\"}")));

        JsonNode login = awaitLine("login-1");
        for (String field : List.of("@timestamp", "@version", "message", "level", "service", "method", "path", "query",
                "status", "duration_ms", "client", "request_body", "response_body", "trace_id")) {
            assertThat(login.has(field)).as(field + " in " + login).isTrue();
        }
        assertThat(login.get("method").asString()).isEqualTo("POST");
        assertThat(login.get("path").asString()).isEqualTo("/api/auth/login");
        assertThat(login.get("status").asInt()).isEqualTo(503);
        assertThat(login.get("client").asString()).isEqualTo("203.0.113.7"); // the peer is a trusted proxy
        assertThat(login.get("username").asString()).isEqualTo("ada@example.org");
        assertThat(login.toString()).doesNotContain(password);

        JsonNode order = awaitLine("order-1");
        assertThat(order.get("username").asString()).isEqualTo("c-log");
        assertThat(order.toString()).doesNotContain(card).doesNotContain(token).doesNotContain("4111111111111111");

        // from a peer that is not a trusted proxy, X-Forwarded-For is ignored
        rawRequestFrom("127.0.0.2", "GET /api/status?trace=untrusted-1 HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Forwarded-For: 198.51.100.9\r\nConnection: close\r\n\r\n");
        assertThat(awaitLine("untrusted-1").get("client").asString()).isEqualTo("127.0.0.2");
    }

    private JsonNode awaitLine(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = shipped.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                JsonNode node = JSON.readTree(line); // every line is JSON
                if (node.has("query") && node.get("query").asString("").contains(marker)) {
                    return node;
                }
            }
        }
        throw new AssertionError("no request log line for " + marker);
    }

    private void rawRequestFrom(String localAddress, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().readAllBytes();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
