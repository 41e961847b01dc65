package com.eventshop.app.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventshop.app.Eventshop;
import com.eventshop.app.TestPlatform;
import com.eventshop.platform.web.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge with the whole platform behind it, as {@code ./eventshop up} runs it: accounts,
 * the gateway and the order services, every call through the gateway.
 */
class EdgeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String ADMIN_PASSWORD = "edge-admin-password";
    static final String DEMO_PASSWORD = "shop-demo-2024";

    @TempDir
    static Path temp;
    static Eventshop shop;
    static String gateway;

    @BeforeAll
    static void startPlatform() {
        shop = TestPlatform.start(temp.resolve("data"), ADMIN_PASSWORD, Map.of(
                "eventshop.accounts.bcrypt-strength", "6",
                "eventshop.gateway.health-interval", "300ms",
                "eventshop.gateway.breaker.wait-in-open-state", "1s",
                "eventshop.gateway.breaker.minimum-number-of-calls", "3",
                "eventshop.gateway.breaker.sliding-window-size", "5",
                "eventshop.gateway.api-token-cache-ttl", "1s",
                "eventshop.gateway.rate-limits.login-per-user.requests", "5",
                "eventshop.gateway.rate-limits.login-per-user.period", "1m"));
        gateway = shop.url("gateway");
    }

    @AfterAll
    static void stopPlatform() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void signUpLogInRefreshAndLogOutThroughTheGateway() {
        String email = "new-" + UUID.randomUUID() + "@example.org";
        assertThat(post("/api/auth/signup", null, "{\"email\":\"" + email
                + "\",\"password\":\"a good long secret\",\"name\":\"New\"}").statusCode()).isEqualTo(201);
        JsonNode tokens = json(post("/api/auth/login", null, login(email, "a good long secret")));
        String refresh = tokens.get("refreshToken").asString();
        JsonNode rotated = json(post("/api/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}"));
        assertThat(post("/api/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}").statusCode()).isEqualTo(401);
        assertThat(get("/api/customers/me", rotated.get("accessToken").asString()).statusCode()).isEqualTo(200);
        assertThat(post("/api/auth/logout", null, "{\"refreshToken\":\"" + rotated.get("refreshToken").asString()
                + "\"}").statusCode()).isEqualTo(204);
        assertThat(post("/api/auth/refresh", null, "{\"refreshToken\":\"" + rotated.get("refreshToken").asString()
                + "\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void aCustomerCannotReadAnotherCustomersOrderNorUseAdminEndpoints() {
        String ada = customerToken("ada@eventshop.local");
        String grace = customerToken("grace@eventshop.local");
        String orderId = placeOrder(ada, "p-010");

        JsonNode confirmed = json(get("/api/orders/" + orderId + "?waitFor=CONFIRMED&timeout=30s", ada));
        assertThat(confirmed.get("state").asString()).isEqualTo("CONFIRMED");
        assertThat(get("/api/orders/" + orderId, grace).statusCode()).isIn(403, 404);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/payments/" + orderId, ada).statusCode()).isEqualTo(200));
        assertThat(get("/api/payments/" + orderId, grace).statusCode()).isIn(403, 404);
        HttpResponse<String> stock = send(HttpRequest.newBuilder(URI.create(gateway + "/api/inventory/p-010"))
                .header("Authorization", "Bearer " + ada).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":5}")));
        assertThat(stock.statusCode()).isEqualTo(403);
        String admin = json(post("/api/auth/login", null, login("admin@eventshop.local", ADMIN_PASSWORD)))
                .get("accessToken").asString();
        assertThat(get("/api/orders/" + orderId, admin).statusCode()).isEqualTo(200);
    }

    @Test
    void anApiTokenWorksUntilItIsRevoked() {
        String alan = customerToken("alan@eventshop.local");
        JsonNode created = json(post("/api/auth/api-tokens", alan, "{\"name\":\"script\"}"));
        String apiToken = created.get("token").asString();

        HttpResponse<String> me = get("/api/customers/me", apiToken);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me).get("email").asString()).isEqualTo("alan@eventshop.local");
        String orderId = placeOrder(apiToken, "p-011");
        assertThat(get("/api/orders/" + orderId, alan).statusCode()).isEqualTo(200); // the same request user

        assertThat(send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/api-tokens/" + created.get("id").asString()))
                .header("Authorization", "Bearer " + alan).DELETE()).statusCode()).isEqualTo(204);
        // the gateway reuses an exchanged token for at most api-token-cache-ttl (1 s here)
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(get("/api/customers/me", apiToken).statusCode()).isEqualTo(401));
    }

    @Test
    void aLoginFloodGets429WithRetryAfter() {
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = post("/api/auth/login", null, login("flood@example.org", "wrong password " + i));
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.statusCode()).isEqualTo(401);
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Long.parseLong(v)).isPositive());
        assertThat(last.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void withOrdersStoppedOrderingIsDegradedAndBrowsingGoesOn() {
        String grace = customerToken("grace@eventshop.local");
        assertThat(capability("order")).isEqualTo("up");
        shop.stopService("orders");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> capability("order").equals("degraded"));
            assertThat(capability("browse")).isEqualTo("up");
            assertThat(capability("account")).isEqualTo("up");

            for (int i = 0; i < 5; i++) {
                HttpResponse<String> refused = placeOrderResponse(grace, "p-012");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(JSON.readTree(refused.body()).get("capability").asString()).isEqualTo("order");
            }
            assertThat(breaker("orders")).isEqualTo("OPEN");
            assertThat(get("/api/inventory/p-012", null).statusCode()).isEqualTo(200); // browsing answers
        } finally {
            shop.startService("orders");
        }
        // half-open probing lets calls through again; successes close the breaker
        // (one order every 3 s at most: the gateway allows a shopper 30 orders a minute, and a
        // restart that takes long on a busy machine must not run the loop into that limit)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(placeOrderResponse(grace, "p-012").statusCode()).isEqualTo(202));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            placeOrderResponse(grace, "p-012");
            assertThat(breaker("orders")).isEqualTo("CLOSED");
            assertThat(capability("order")).isEqualTo("up");
        });
    }

    /**
     * Every service's OpenAPI description passes the linter (swagger-parser's validation and the
     * usual linters' error rules, see {@link OpenApiLint}) with no message.
     */
    @Test
    void everyServicesOpenApiDescriptionLintsClean() {
        Map<String, List<String>> problems = new java.util.TreeMap<>();
        List<String> linted = new java.util.ArrayList<>();
        for (String service : List.of("gateway", "accounts", "catalog", "orders", "inventory", "fraud", "payments",
                "shipping", "notifications", "search", "crawler", "ops")) {
            String base;
            try {
                base = shop.url(service);
            } catch (IllegalArgumentException notRunHere) {
                continue;
            }
            // (orders may be restarting after another test: wait for its description)
            HttpResponse<String> docs = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(
                    () -> send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).GET()),
                    r -> r.statusCode() == 200);
            linted.add(service + " (" + OpenApiLint.operations(docs.body()) + " operations)");
            try { // kept for reading: target/openapi/<service>.json
                java.nio.file.Files.createDirectories(Path.of("target", "openapi"));
                java.nio.file.Files.writeString(Path.of("target", "openapi", service + ".json"), docs.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> errors = OpenApiLint.lint(docs.body());
            if (!errors.isEmpty()) {
                problems.put(service, errors);
            }
        }
        System.out.println("OpenAPI descriptions linted: " + linted);
        assertThat(linted.stream().map(l -> l.split(" ")[0])).contains("gateway", "accounts", "catalog", "orders",
                "inventory", "payments", "shipping");
        assertThat(problems).as("OpenAPI lint errors per service").isEmpty();
    }

    /**
     * What Tomcat rejects on its own is problem+json at the gateway and at the service behind it
     * (the same probes as the platform's and the gateway's tests, here with real services).
     */
    @Test
    void malformedRequestsGetProblemJsonAtTheGatewayAndAtTheServices() throws IOException {
        int gatewayPort = URI.create(gateway).getPort();
        int ordersPort = URI.create(shop.url("orders")).getPort();
        for (int port : List.of(gatewayPort, ordersPort)) {
            for (RawHttp.Probe probe : RawHttp.malformedRequests("/api/orders")) {
                RawHttp.Response response = RawHttp.send(port, probe);
                String what = (port == gatewayPort ? "gateway " : "orders ") + probe + ": " + response;
                assertThat(response.status()).as(what).satisfiesAnyOf(
                        status -> assertThat(status).isBetween(400, 499), status -> assertThat(status).isEqualTo(505));
                assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                assertThat(JSON.readTree(response.body()).path("status").asInt()).as(what).isEqualTo(response.status());
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String capability(String name) {
        return json(get("/api/status", null)).get("capabilities").get(name).asString();
    }

    private static String breaker(String service) {
        return json(get("/api/status", null)).get("services").get(service).get("breaker").asString();
    }

    private static String customerToken(String email) {
        return json(post("/api/auth/login", null, login(email, DEMO_PASSWORD))).get("accessToken").asString();
    }

    private static String login(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static String placeOrder(String token, String product) {
        HttpResponse<String> response = placeOrderResponse(token, product);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).get("orderId").asString();
    }

    private static HttpResponse<String> placeOrderResponse(String token, String product) {
        return send(HttpRequest.newBuilder(URI.create(gateway + "/api/orders"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[{\"productId\":\"" + product
                        + "\",\"quantity\":1}],\"shippingAddress\":{\"name\":\"Ada\",\"street\":\"1 Main St\","
                        + "\"city\":\"Lyon\",\"postalCode\":\"69001\",\"country\":\"FR\"}}")));
    }

    private static HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path)).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder);
    }

    private static HttpResponse<String> post(String path, String token, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(500).isNotIn(401, 403, 404);
        return JSON.readTree(response.body());
    }
}
