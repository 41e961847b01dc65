package com.eventshop.shipping.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.ShipmentUpdated;
import com.eventshop.devinfra.TestKafka;
import com.eventshop.shipping.ShippingApplication;
import com.eventshop.shipping.api.ShipmentController;
import com.eventshop.shipping.domain.WebhookAuthenticator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shipping on a real broker with real HTTP. The simulated carrier takes a very long step here,
 * so the tests move parcels through the webhook (or set a short step where they say so).
 */
@SpringBootTest(classes = ShippingApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=shipping", "EVENTSHOP_COMMIT_INTERVAL_MS=50", "EVENTSHOP_LOG_FORMAT=plain",
                "eventshop.shipping.simulated.step-interval=1h", "eventshop.shipping.check-interval=100ms",
                "eventshop.shipping.webhook.secret=test-secret"})
class ShippingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GROUP = "eventshop-shipping";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("EVENTSHOP_DATA_DIR", () -> Path.of(System.getProperty("java.io.tmpdir"),
                "it-data-" + UUID.randomUUID()).toString());
    }

    @LocalServerPort
    int port;

    static RecordMetadata confirm(String orderId) {
        return TestKafka.send(Topics.ORDER_CONFIRMED, orderId, OrderConfirmed.newBuilder().setOrderId(orderId)
                .setCustomerId("c-ship").setLines(List.of()).setTotalCents(100).setCurrency("EUR")
                .setShippingAddress(new Address("Ada", "1 Main St", "Lyon", "69001", "FR"))
                .setConfirmedAt(Instant.now()).build());
    }

    static List<ShipmentUpdated> events(String orderId, int atLeast) {
        return TestKafka.values(Topics.SHIPMENT_EVENTS, orderId, WAIT, v -> v.size() >= atLeast).stream()
                .map(ShipmentUpdated.class::cast).toList();
    }

    JsonNode shipment(String orderId) {
        return JSON.readTree(get("/api/shipments/" + orderId).body());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build());
    }

    HttpResponse<String> webhook(String orderId, String body, String timestamp, String signature) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/shipments/shp-" + orderId + "/events"))
                .header("Content-Type", "application/json")
                .header(ShipmentController.TIMESTAMP_HEADER, timestamp)
                .header(ShipmentController.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> signedWebhook(String orderId, String status) {
        String body = "{\"shipmentId\":\"shp-" + orderId + "\",\"status\":\"" + status + "\"}";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return webhook(orderId, body, timestamp, WebhookAuthenticator.sign("test-secret", timestamp, body));
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void awaitStatus(String orderId, String status) {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> response = get("/api/shipments/" + orderId);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo(status);
        });
    }

    @Test
    void aConfirmedOrderIsPackedWithATrackingNumberAndOneEvent() {
        RecordMetadata last = confirm("o-ship-1");
        awaitStatus("o-ship-1", "PACKED");
        confirm("o-ship-1"); // a redelivered confirmation changes nothing
        last = confirm("o-ship-1");
        TestKafka.awaitConsumed(GROUP, last, WAIT);
        List<ShipmentUpdated> events = events("o-ship-1", 1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getStatus()).isEqualTo(ShipmentStatus.PACKED);
        assertThat(events.get(0).getTrackingNumber()).matches("ES\\d{12}");
        assertThat(shipment("o-ship-1").get("trackingNumber").asString()).isEqualTo(events.get(0).getTrackingNumber());
    }

    @Test
    void carrierWebhookMovesOnAValidSignatureAndRefusesBadSignaturesReplaysAndIllegalTransitions() {
        confirm("o-ship-2");
        awaitStatus("o-ship-2", "PACKED");

        // Valid: PACKED -> SHIPPED.
        String body = "{\"shipmentId\":\"shp-o-ship-2\",\"status\":\"SHIPPED\"}";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature = WebhookAuthenticator.sign("test-secret", timestamp, body);
        assertThat(webhook("o-ship-2", body, timestamp, signature).statusCode()).isEqualTo(202);
        awaitStatus("o-ship-2", "SHIPPED");

        // The same call again (replay), a wrong secret, a tampered body, a stale timestamp: 401.
        HttpResponse<String> replay = webhook("o-ship-2", body, timestamp, signature);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("REPLAYED");
        String later = Long.toString(Instant.now().getEpochSecond() + 1);
        String outBody = "{\"shipmentId\":\"shp-o-ship-2\",\"status\":\"OUT_FOR_DELIVERY\"}";
        assertThat(webhook("o-ship-2", outBody, later, WebhookAuthenticator.sign("wrong-secret", later, outBody))
                .statusCode()).isEqualTo(401);
        assertThat(webhook("o-ship-2", outBody, later, signature).statusCode()).isEqualTo(401);
        String stale = Long.toString(Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond());
        HttpResponse<String> old = webhook("o-ship-2", outBody, stale, WebhookAuthenticator.sign("test-secret", stale, outBody));
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.body()).contains("STALE_TIMESTAMP");

        // Illegal transitions (backwards, skipping a step): 409 problem.
        HttpResponse<String> backwards = signedWebhook("o-ship-2", "PACKED");
        assertThat(backwards.statusCode()).isEqualTo(409);
        assertThat(backwards.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(signedWebhook("o-ship-2", "DELIVERED").statusCode()).isEqualTo(409);
        assertThat(signedWebhook("o-ship-unknown", "SHIPPED").statusCode()).isEqualTo(404);

        // Nothing refused was written: the carrier-reports topic holds only the accepted report,
        // and shipment.events only PACKED and SHIPPED.
        assertThat(TestKafka.values(Topics.SHIPPING_CARRIER_REPORTS, "o-ship-2", Duration.ofSeconds(2), v -> false))
                .hasSize(1);
        RecordMetadata marker = confirm("o-ship-2"); // processed after everything before it
        TestKafka.awaitConsumed(GROUP, marker, WAIT);
        assertThat(events("o-ship-2", 2)).extracting(ShipmentUpdated::getStatus)
                .containsExactly(ShipmentStatus.PACKED, ShipmentStatus.SHIPPED);
        assertThat(shipment("o-ship-2").get("status").asString()).isEqualTo("SHIPPED");
    }

    @Test
    void aCancelledOrderCancelsAPackedShipmentButNotAShippedOne() {
        confirm("o-ship-3");
        awaitStatus("o-ship-3", "PACKED");
        TestKafka.send(Topics.ORDER_CONFIRMED, "o-ship-3", cancelled("o-ship-3"));
        awaitStatus("o-ship-3", "CANCELLED");
        assertThat(events("o-ship-3", 2)).extracting(ShipmentUpdated::getStatus)
                .containsExactly(ShipmentStatus.PACKED, ShipmentStatus.CANCELLED);
        assertThat(signedWebhook("o-ship-3", "SHIPPED").statusCode()).isEqualTo(409);

        confirm("o-ship-4");
        awaitStatus("o-ship-4", "PACKED");
        assertThat(signedWebhook("o-ship-4", "SHIPPED").statusCode()).isEqualTo(202);
        awaitStatus("o-ship-4", "SHIPPED");
        RecordMetadata cancel = TestKafka.send(Topics.ORDER_CONFIRMED, "o-ship-4", cancelled("o-ship-4"));
        TestKafka.awaitConsumed(GROUP, cancel, WAIT);
        assertThat(shipment("o-ship-4").get("status").asString()).isEqualTo("SHIPPED");
    }

    @Test
    void theSimulatedCarrierCanLoseAndDelayAParcel() {
        confirm("o-ship-5");
        awaitStatus("o-ship-5", "PACKED");
        String base = "http://localhost:" + port + "/api/shipments/shp-o-ship-5/simulated/";
        long before = Instant.parse(shipment("o-ship-5").get("nextCheckAt").asString()).toEpochMilli();
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "delay?seconds=60"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() ->
                Instant.parse(shipment("o-ship-5").get("nextCheckAt").asString()).toEpochMilli() == before + 60_000);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "lose"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(202);
        awaitStatus("o-ship-5", "LOST");
        assertThat(shipment("o-ship-5").get("nextCheckAt").isNull()).isTrue();
    }

    @Test
    void unknownAndInvalidIdsGetProblems() {
        assertThat(get("/api/shipments/o-none").statusCode()).isEqualTo(404);
        assertThat(get("/api/shipments/bad%20id").statusCode()).isEqualTo(400);
    }

    private static SpecificRecord cancelled(String orderId) {
        return OrderCancelled.newBuilder().setOrderId(orderId).setCustomerId("c-ship")
                .setPreviousState(OrderState.CONFIRMED).setReason("changed my mind").setCancelledAt(Instant.now()).build();
    }
}
