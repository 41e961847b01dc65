package com.eventshop.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.NotificationSent;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.devinfra.Ports;
import com.eventshop.devinfra.TestKafka;
import com.eventshop.devinfra.TestTokens;
import com.eventshop.ops.OpsApplication;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ops service on a real broker with real HTTP: it watches itself (up) and a port nobody
 * listens on (unreachable), measures event rates and a consumer group's lag, streams events as
 * they are written, and lists sent emails.
 */
@SpringBootTest(classes = OpsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ops", "EVENTSHOP_LOG_FORMAT=plain", "eventshop.ops.sample-interval=300ms"})
class OpsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ADMIN = TestTokens.bearer(TestTokens.shared().admin());
    private static final int SELF_PORT = Ports.freePort();
    private static final int NOBODY_PORT = Ports.freePort();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("eventshop.security.jwks-uri", () -> TestTokens.shared().jwksUri());
        registry.add("server.port", () -> SELF_PORT);
        registry.add("eventshop.ops.services.ops", () -> "http://localhost:" + SELF_PORT);
        registry.add("eventshop.ops.services.nobody", () -> "http://localhost:" + NOBODY_PORT);
    }

    @LocalServerPort
    int port;

    @Test
    void servicesShowTheirHealth() throws Exception {
        JsonNode answer = get("/api/ops/services");
        assertThat(answer.path("total").asInt()).isEqualTo(2);
        assertThat(answer.path("up").asInt()).isEqualTo(1);
        Map<String, String> status = new java.util.HashMap<>();
        answer.path("services").forEach(s -> status.put(s.path("name").asString(), s.path("status").asString()));
        assertThat(status).containsEntry("ops", "UP").containsEntry("nobody", "UNREACHABLE");
        assertThat(answer.path("services").get(0).path("metricsUrl").asString()).endsWith("/actuator/prometheus");
    }

    @Test
    void eventsWrittenShowAsARateAndLagOfAGroupThatDidNotReadThem() throws Exception {
        String group = "ops-it-" + UUID.randomUUID();
        // a group that has committed on fraud.checks' partitions at their current end
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ORDER_VALIDATED.name()));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return !consumer.assignment().isEmpty();
            });
            consumer.commitSync(consumer.assignment().stream().collect(java.util.stream.Collectors.toMap(
                    tp -> tp, tp -> new org.apache.kafka.clients.consumer.OffsetAndMetadata(consumer.position(tp)))));
        }
        for (int i = 0; i < 30; i++) {
            reject("o-rate-" + i);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode topic = topic(get("/api/ops/topics"), Topics.ORDER_VALIDATED.name());
            assertThat(topic.path("eventsPerSecond").asDouble()).isPositive();
            assertThat(topic.path("writer").asString()).isEqualTo("orders");
            JsonNode lag = null;
            for (JsonNode c : topic.path("consumers")) {
                if (c.path("group").asString().equals(group)) {
                    lag = c;
                }
            }
            assertThat(lag).as("lag of " + group).isNotNull();
            assertThat(lag.path("lag").asLong()).isEqualTo(30);
        });
    }

    @Test
    void theLiveFeedStreamsEventsAsTheyAreWritten() throws Exception {
        await().atMost(WAIT).until(() -> get("/api/ops/topics").path("sampledAt").isString());
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri("/api/ops/events?replay=0"))
                .header("Accept", "text/event-stream").header("Authorization", ADMIN).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        String orderId = "o-feed-" + UUID.randomUUID();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = reader.readLine()) != null) {
                    if (l.startsWith("data:") && l.contains(orderId)) {
                        return l.substring(5);
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // the feed reads from the end: keep writing until the stream shows our event
        await().atMost(WAIT).until(() -> {
            reject(orderId);
            return line.isDone();
        });
        JsonNode event = JSON.readTree(line.get());
        assertThat(event.path("topic").asString()).isEqualTo("order.validated");
        assertThat(event.path("type").asString()).isEqualTo("OrderRejected");
        assertThat(event.path("summary").asString()).contains("customerId=c-ops");
    }

    @Test
    void sentEmailsAreListed() throws Exception {
        String orderId = "o-mail-" + UUID.randomUUID();
        TestKafka.send(Topics.NOTIFICATIONS_SENT, orderId, NotificationSent.newBuilder()
                .setNotificationId(orderId + ":CONFIRMED").setOrderId(orderId).setCustomerId("c-ops")
                .setKind("CONFIRMED").setRecipient("ada@example.com").setSubject("Your order is confirmed")
                .setMessageId("<" + orderId + "@eventshop>").setSourceTopic("order.confirmed")
                .setSentAt(Instant.now()).build());
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode emails = get("/api/ops/emails?limit=100").path("emails");
            assertThat(emails.toString()).contains(orderId).contains("ada@example.com").contains("Your order is confirmed");
        });
    }

    @Test
    void breakersSayWhenThereIsNoGateway() throws Exception {
        assertThat(get("/api/ops/breakers").path("note").asString()).contains("No gateway");
    }

    private static void reject(String orderId) {
        TestKafka.send(Topics.ORDER_VALIDATED, orderId, OrderRejected.newBuilder().setOrderId(orderId)
                .setCustomerId("c-ops").setReasons(List.of("OUT_OF_STOCK")).setRejectedAt(Instant.now()).build());
    }

    private static JsonNode topic(JsonNode snapshot, String name) {
        for (JsonNode t : snapshot.path("topics")) {
            if (t.path("topic").asString().equals(name)) {
                return t;
            }
        }
        throw new AssertionError(name + " not in " + snapshot);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Test
    void theConsoleDataIsForAdministratorsOnly() throws Exception {
        assertThat(status("/api/ops/services", null)).isEqualTo(401);
        assertThat(status("/api/ops/topics", TestTokens.bearer(TestTokens.shared().customer("c-1")))).isEqualTo(403);
        assertThat(status("/actuator/health", null)).isEqualTo(200);
    }

    private int status(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
