package com.eventshop.app.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventshop.app.Eventshop;
import com.eventshop.app.TestPlatform;
import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import com.eventshop.contracts.events.PaymentRefunded;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Order;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order flow across orders, inventory, fraud and payments, on the platform exactly as
 * {@code ./eventshop up} runs it (real broker, every service in its own context, real HTTP).
 */
class OrderFlowTest {

    private static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "PAYMENT_FAILED", "CANCELLED");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path temp;
    static Eventshop shop;

    @BeforeAll
    static void startPlatform() {
        shop = TestPlatform.start(temp.resolve("data"), "flow-admin-password", Map.of(
                "eventshop.accounts.access-token-ttl", "60m", // one admin token for the whole class
                // This test's flow ends at CONFIRMED: parcels stay PACKED (still cancellable). DeliveryFlowTest goes on.
                "eventshop.shipping.simulated.step-interval", "1h"));
        adminToken = AccountsLogin.accessToken(shop.url("accounts"), "admin@eventshop.local", "flow-admin-password");
    }

    /** Every call is the admin's: it may order for any customer, set stock and read any order. */
    static String adminToken;

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + adminToken).build(), handler);
    }

    @AfterAll
    static void stopPlatform() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void fiveHundredConcurrentOrdersEachEndOnceAndStockAddsUp() throws Exception {
        List<String> products = List.of("p-001", "p-002", "p-003", "p-004", "p-005", "p-006", "p-007", "p-008");
        for (String product : products) {
            setStock(product, 60);
        }
        Random random = new Random(7);
        List<Callable<String>> placements = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Map<String, Integer> lines = new LinkedHashMap<>();
            int lineCount = 1 + random.nextInt(3);
            while (lines.size() < lineCount) {
                lines.put(products.get(random.nextInt(products.size())), 1 + random.nextInt(2));
            }
            String customer = "flow-" + (i % 100);
            placements.add(() -> place(customer, lines, UUID.randomUUID().toString()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<String> orderIds = new ArrayList<>();
        for (Future<String> placed : pool.invokeAll(placements)) {
            orderIds.add(placed.get());
        }
        assertThat(orderIds).doesNotHaveDuplicates().hasSize(500);

        List<Callable<String>> waits = orderIds.stream()
                .<Callable<String>>map(id -> () -> awaitTerminal(id)).toList();
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        for (Future<String> state : pool.invokeAll(waits)) {
            outcomes.merge(state.get(), 1L, Long::sum);
        }
        pool.shutdown();
        assertThat(outcomes.keySet()).allMatch(TERMINAL::contains);
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(500);
        assertThat(outcomes).containsKey("CONFIRMED").containsKey("REJECTED"); // stock runs out on the way

        // Each order reaches exactly one terminal state, and nothing changes it afterwards.
        Map<String, List<OrderState>> history = viewHistory();
        for (String id : orderIds) {
            List<OrderState> states = history.get(id);
            int firstTerminal = indexOfFirstTerminal(states);
            assertThat(firstTerminal).as("order %s: %s", id, states).isNotNegative();
            assertThat(states.subList(firstTerminal, states.size())).as("order %s: %s", id, states)
                    .containsOnly(states.get(firstTerminal));
        }

        // Per product: nothing is reserved any more, and available + sold is the initial stock.
        for (String product : products) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode stock = getJson("inventory", "/api/inventory/" + product);
                assertThat(stock.get("reserved").asInt()).as(product + " reserved").isZero();
                assertThat(stock.get("available").asInt() + stock.get("reserved").asInt()
                        + stock.get("sold").asInt()).as(product).isEqualTo(60);
            });
        }
    }

    @Test
    void aShortageRejectsTheWholeOrderWithTheReasonAndLeaksNoReservation() throws Exception {
        setStock("p-020", 50);
        setStock("p-021", 3);
        String id = place("short-1", Map.of("p-020", 2, "p-021", 5), UUID.randomUUID().toString());

        JsonNode order = awaitOrder(id);
        assertThat(order.get("state").asString()).isEqualTo("REJECTED");
        assertThat(order.get("reasons").toString()).contains("OUT_OF_STOCK: p-021");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(getJson("inventory", "/api/inventory/p-020").get("reserved").asInt()).isZero();
            assertThat(getJson("inventory", "/api/inventory/p-020").get("available").asInt()).isEqualTo(50);
            assertThat(getJson("inventory", "/api/inventory/p-021").get("available").asInt()).isEqualTo(3);
        });
    }

    @Test
    void aDeclinedPaymentFailsTheOrderAndReleasesTheStock() throws Exception {
        setStock("p-030", 10);
        String id = place("test-card-declined", Map.of("p-030", 4), UUID.randomUUID().toString());

        JsonNode order = awaitOrder(id);
        assertThat(order.get("state").asString()).isEqualTo("PAYMENT_FAILED");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode stock = getJson("inventory", "/api/inventory/p-030");
            assertThat(stock.get("available").asInt()).isEqualTo(10);
            assertThat(stock.get("reserved").asInt()).isZero();
        });
    }

    @Test
    void cancellingAPaidOrderRefundsOnceAndReleasesTheStock() throws Exception {
        setStock("p-031", 10);
        String id = place("cancel-1", Map.of("p-031", 3), UUID.randomUUID().toString());
        assertThat(awaitOrder(id).get("state").asString()).isEqualTo("CONFIRMED");

        HttpResponse<String> cancel = send(HttpRequest.newBuilder(
                        URI.create(shop.url("orders") + "/api/orders/" + id + "/cancel"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"changed my mind\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).isEqualTo(202);
        JsonNode cancelled = getJson("orders", "/api/orders/" + id + "?waitFor=CANCELLED&timeout=20s");
        assertThat(cancelled.get("state").asString()).isEqualTo("CANCELLED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(refundsFor(id)).isEqualTo(1);
            JsonNode stock = getJson("inventory", "/api/inventory/p-031");
            assertThat(stock.get("available").asInt()).isEqualTo(10);
            assertThat(stock.get("reserved").asInt() + stock.get("sold").asInt()).isZero();
        });
        // A second cancel is refused and refunds nothing more.
        HttpResponse<String> again = send(HttpRequest.newBuilder(
                        URI.create(shop.url("orders") + "/api/orders/" + id + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(refundsFor(id)).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyTwiceMakesOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        String first = place("idem-1", Map.of("p-040", 1), key);
        String second = place("idem-1", Map.of("p-040", 1), key);

        assertThat(second).isEqualTo(first);
        awaitOrder(first);
        long requests = TopicReader.readAll(shop.kafkaBootstrapServers(), Topics.ORDER_REQUESTED.name()).stream()
                .filter(r -> first.equals(r.key())).count();
        assertThat(requests).isEqualTo(1);
    }

    @Test
    void aServiceStoppedMidFlowResumesWithoutLosingOrDuplicatingOrders() throws Exception {
        setStock("p-042", 1000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(place("resume-" + (i % 5), Map.of("p-042", 1), UUID.randomUUID().toString()));
        }
        shop.stopService("payments");
        for (int i = 0; i < 20; i++) {
            ids.add(place("resume-" + (i % 5), Map.of("p-042", 1), UUID.randomUUID().toString()));
        }
        shop.startService("payments");

        for (String id : ids) {
            assertThat(awaitOrder(id).get("state").asString()).as(id).isEqualTo("CONFIRMED");
        }
        ContractSerde<SpecificRecord> payments = ContractSerde.forTopic(Topics.PAYMENT_PROCESSED);
        Map<String, Long> paymentsPerOrder = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(shop.kafkaBootstrapServers(),
                Topics.PAYMENT_PROCESSED.name())) {
            if (ids.contains(record.key()) && payments.decode(record.value()) instanceof OrderPaymentProcessed) {
                paymentsPerOrder.merge(record.key(), 1L, Long::sum);
            }
        }
        assertThat(paymentsPerOrder).hasSize(ids.size()).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
        JsonNode stock = getJson("inventory", "/api/inventory/p-042");
        assertThat(stock.get("sold").asInt() + stock.get("reserved").asInt()).isEqualTo(ids.size());
    }

    @Test
    void garbageOnAnInputTopicGoesToTheDeadLetterTopicsAndTheFlowGoesOn() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                "bootstrap.servers", shop.kafkaBootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.ORDER_REQUESTED.name(), "garbage-1",
                    "definitely not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        String id = place("after-garbage", Map.of("p-043", 1), UUID.randomUUID().toString());
        assertThat(awaitOrder(id).get("state").asString()).isEqualTo("CONFIRMED");

        for (String dlt : List.of("dlt.inventory", "dlt.fraud", "dlt.orders")) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(TopicReader.readAll(shop.kafkaBootstrapServers(), dlt))
                            .as(dlt).anyMatch(r -> "garbage-1".equals(r.key())
                                    && new String(r.value(), StandardCharsets.UTF_8).equals("definitely not avro")));
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String place(String customer, Map<String, Integer> lines, String key) throws Exception {
        StringBuilder body = new StringBuilder("{\"customerId\":\"" + customer + "\",\"lines\":[");
        lines.forEach((product, quantity) -> body.append(String.format(Locale.ROOT,
                "{\"productId\":\"%s\",\"quantity\":%d},", product, quantity)));
        body.setLength(body.length() - 1);
        body.append("],\"shippingAddress\":{\"name\":\"Ada\",\"street\":\"1 Main St\",\"city\":\"Lyon\","
                + "\"postalCode\":\"69001\",\"country\":\"FR\"}}");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(shop.url("orders") + "/api/orders"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("orderId").asString();
    }

    private static JsonNode awaitOrder(String id) throws Exception {
        JsonNode order = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            order = getJson("orders", "/api/orders/" + id + "?waitFor=CONFIRMED&timeout=30s");
            if (order.get("state").asString().equals("PACKED")) { // confirmed, and shipping has packed it
                ((tools.jackson.databind.node.ObjectNode) order).put("state", "CONFIRMED");
            }
            if (TERMINAL.contains(order.get("state").asString())) {
                return order;
            }
        }
        throw new AssertionError("Order " + id + " did not finish: " + order);
    }

    private static String awaitTerminal(String id) throws Exception {
        return awaitOrder(id).get("state").asString();
    }

    private static JsonNode getJson(String service, String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(shop.url(service) + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void setStock(String product, int available) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(shop.url("inventory") + "/api/inventory/" + product))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":" + available + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stock = getJson("inventory", "/api/inventory/" + product);
            assertThat(stock.get("available").asInt()).isEqualTo(available);
            assertThat(stock.get("reserved").asInt() + stock.get("sold").asInt()).isZero();
        });
    }

    private static Map<String, List<OrderState>> viewHistory() {
        ContractSerde<Order> serde = ContractSerde.of(Order.class);
        Map<String, List<OrderState>> history = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(shop.kafkaBootstrapServers(),
                Topics.ORDERS_VIEW.name())) {
            Order order = serde.decode(record.value());
            if (order != null) {
                // Shipping moves a confirmed order on (PACKED); for this flow it is still confirmed.
                OrderState state = order.getState() == OrderState.PACKED ? OrderState.CONFIRMED : order.getState();
                history.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(state);
            }
        }
        return history;
    }

    private static int indexOfFirstTerminal(List<OrderState> states) {
        EnumSet<OrderState> terminal = EnumSet.of(OrderState.CONFIRMED, OrderState.REJECTED,
                OrderState.PAYMENT_FAILED, OrderState.CANCELLED);
        for (int i = 0; states != null && i < states.size(); i++) {
            if (terminal.contains(states.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static long refundsFor(String id) {
        ContractSerde<SpecificRecord> serde = ContractSerde.forTopic(Topics.PAYMENT_PROCESSED);
        return TopicReader.readAll(shop.kafkaBootstrapServers(), Topics.PAYMENT_PROCESSED.name()).stream()
                .filter(r -> id.equals(r.key()))
                .filter(r -> serde.decode(r.value()) instanceof PaymentRefunded).count();
    }

}
