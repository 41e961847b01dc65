package com.eventshop.inventory.it;

import com.eventshop.devinfra.TestKafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.InventoryChecked;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.tables.Stock;
import com.eventshop.devinfra.Ports;
import com.eventshop.inventory.InventoryApplication;
import com.eventshop.inventory.api.InventoryController.StockView;
import com.eventshop.platform.kafka.streams.StoreQueries;
import com.eventshop.platform.web.ProblemException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.state.HostInfo;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory service on a real broker with real HTTP: stock set through the API, an order
 * reserved and released by events, demo seeding, dead letters and problem answers.
 */
@SpringBootTest(classes = InventoryApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=inventory", "EVENTSHOP_COMMIT_INTERVAL_MS=50",
                "EVENTSHOP_LOG_FORMAT=plain", "eventshop.inventory.seed-demo-stock=true",
                // these tests use arbitrary product ids without a catalog
                "eventshop.inventory.product-source=any"})
class InventoryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("eventshop.security.jwks-uri", () -> com.eventshop.devinfra.TestTokens.shared().jwksUri());
        registry.add("EVENTSHOP_DATA_DIR", () -> Path.of(System.getProperty("java.io.tmpdir"),
                "it-data-" + UUID.randomUUID()).toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    StoreQueries<Stock> stockQueries;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private JsonNode stockOf(String productId) {
        HttpResponse<String> response = http.get("/api/inventory/" + productId);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private void awaitStock(String productId, int available, int reserved) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode stock = stockOf(productId);
            assertThat(stock).as("stock of %s", productId).isNotNull();
            assertThat(stock.get("available").asInt()).isEqualTo(available);
            assertThat(stock.get("reserved").asInt()).isEqualTo(reserved);
        });
    }

    private static OrderRequested order(String orderId, Object... lines) {
        List<OrderLine> orderLines = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 2) {
            orderLines.add(OrderLine.newBuilder().setProductId((String) lines[i]).setQuantity((Integer) lines[i + 1])
                    .setUnitPriceCents(100).build());
        }
        return OrderRequested.newBuilder().setOrderId(orderId).setCustomerId("c-it").setLines(orderLines)
                .setTotalCents(100).setCurrency("EUR")
                .setShippingAddress(Address.newBuilder().setName("A").setStreet("S 1").setCity("C")
                        .setPostalCode("1").setCountry("DE").build())
                .setRequestedAt(Instant.now()).build();
    }

    private static InventoryChecked awaitCheck(String orderId) {
        List<SpecificRecord> checks = TestKafka.values(Topics.INVENTORY_CHECKS, orderId, WAIT, v -> !v.isEmpty());
        assertThat(checks).as("InventoryChecked of %s", orderId).hasSize(1);
        return (InventoryChecked) checks.get(0);
    }

    @Test
    void stockIsSetReservedByAnOrderAndReleasedOnRejection() {
        HttpResponse<String> put = http.put("/api/inventory/p-it-1", "{\"available\": 10}",
                "Idempotency-Key", "it-adjust-1");
        assertThat(put.statusCode()).isEqualTo(202);
        assertThat(put.headers().firstValue("Location")).contains("/api/inventory/p-it-1");
        awaitStock("p-it-1", 10, 0);

        TestKafka.send(Topics.ORDER_REQUESTED, "o-it-1", order("o-it-1", "p-it-1", 3));
        assertThat(awaitCheck("o-it-1").getPassed()).isTrue();
        awaitStock("p-it-1", 7, 3);

        // a retried PUT with the same key does not set the stock again
        assertThat(http.put("/api/inventory/p-it-1", "{\"available\": 10}", "Idempotency-Key", "it-adjust-1")
                .statusCode()).isEqualTo(202);

        TestKafka.send(Topics.ORDER_VALIDATED, "o-it-1", OrderRejected.newBuilder().setOrderId("o-it-1")
                .setCustomerId("c-it").setReasons(List.of("fraud")).setInventoryReserved(true)
                .setRejectedAt(Instant.now()).build());
        awaitStock("p-it-1", 10, 0);

        // every change was published on the compacted inventory.stock topic
        List<SpecificRecord> published = TestKafka.values(Topics.INVENTORY_STOCK, "p-it-1", WAIT, v -> v.size() >= 3);
        Stock last = (Stock) published.get(published.size() - 1);
        assertThat(last.getAvailable()).isEqualTo(10);
        assertThat(last.getReserved()).isZero();
    }

    @Test
    void anOrderWithAShortLineReservesNothing() {
        http.put("/api/inventory/p-it-2", "{\"available\": 5}");
        http.put("/api/inventory/p-it-3", "{\"available\": 1}");
        awaitStock("p-it-2", 5, 0);
        awaitStock("p-it-3", 1, 0);

        TestKafka.send(Topics.ORDER_REQUESTED, "o-it-2", order("o-it-2", "p-it-2", 2, "p-it-3", 2, "p-it-nope", 1));
        InventoryChecked check = awaitCheck("o-it-2");
        assertThat(check.getPassed()).isFalse();
        assertThat(check.getShortages()).singleElement().satisfies(s -> {
            assertThat(s.getProductId()).isEqualTo("p-it-3");
            assertThat(s.getRequested()).isEqualTo(2);
            assertThat(s.getAvailable()).isEqualTo(1);
        });
        assertThat(check.getUnknownProducts()).containsExactly("p-it-nope");
        awaitStock("p-it-2", 5, 0);
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndProcessingGoesOn() {
        byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
        TestKafka.sendRaw(Topics.ORDER_REQUESTED.name(), "o-it-garbage", garbage);
        http.put("/api/inventory/p-it-4", "{\"available\": 2}");
        awaitStock("p-it-4", 2, 0);
        TestKafka.send(Topics.ORDER_REQUESTED, "o-it-4", order("o-it-4", "p-it-4", 1));
        assertThat(awaitCheck("o-it-4").getPassed()).isTrue();

        List<ConsumerRecord<String, byte[]>> dead = TestKafka.read("dlt.inventory", WAIT,
                records -> records.stream().anyMatch(r -> "o-it-garbage".equals(r.key())));
        ConsumerRecord<String, byte[]> letter = dead.stream().filter(r -> "o-it-garbage".equals(r.key()))
                .findFirst().orElseThrow();
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(new String(letter.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo("order.requested");
    }

    @Test
    void theDemoStockIsSeeded() {
        awaitStock("p-001", 1000, 0);
        awaitStock("p-050", 1000, 0);
    }

    @Test
    void badRequestsGetProblems() {
        HttpResponse<String> unknown = http.get("/api/inventory/p-it-unknown");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(unknown.body()).get("productId").asString()).isEqualTo("p-it-unknown");

        HttpResponse<String> negative = http.put("/api/inventory/p-it-5", "{\"available\": -1}");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(http.put("/api/inventory/p-it-5", "{}").statusCode()).isEqualTo(400);
        assertThat(http.put("/api/inventory/p-it-5", "{\"available\": \"many\"}").statusCode()).isEqualTo(400);
        assertThat(http.put("/api/inventory/bad%20id", "{\"available\": 1}").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/inventory/p-it-5").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnreachableOwnerGivesA503AtOnce() {
        HostInfo gone = new HostInfo("127.0.0.1", Ports.freePort());
        long start = System.nanoTime();
        assertThatThrownBy(() -> stockQueries.forwarder().fetch(gone, "/api/inventory/p-001", StockView.class))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.getStatus().value()).isEqualTo(503));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
