package com.eventshop.orders.it;

import static com.eventshop.orders.OrderFixtures.fraudPassed;
import static com.eventshop.orders.OrderFixtures.inventoryPassed;
import static com.eventshop.orders.OrderFixtures.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.orders.OrderFixtures;
import com.eventshop.orders.domain.OrderPlacement;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** The orders service over real HTTP against a real broker; the test plays inventory, fraud and payments. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersApiTest {

    private TestKafka kafka;
    private OrdersInstance orders;
    private final Http http = new Http();

    @BeforeAll
    void start() throws Exception {
        kafka = TestKafka.start();
        orders = OrdersInstance.start(kafka, Files.createTempDirectory(kafka.dataDir(), "state-"), Map.of(
                "eventshop.orders.validation-timeout", "60s",
                "eventshop.orders.sse-heartbeat", "1s"));
    }

    @AfterAll
    void stop() {
        if (orders != null) {
            orders.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aCustomerOrdersForThemselfAndSeesOnlyTheirOwnOrders() {
        com.eventshop.devinfra.TestTokens tokens = com.eventshop.devinfra.TestTokens.shared();
        String alice = "Bearer " + tokens.customer("c-alice");
        String bob = "Bearer " + tokens.customer("c-bob");
        // the body names someone else: a customer's order is still their own
        Http.Response placed = http.send(java.net.http.HttpRequest.newBuilder(URI.create(orders.url("/api/orders")))
                .header("Authorization", alice).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.order("c-bob", "p-001", "1"))).build());
        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
        String orderId = placed.json().get("orderId").asString();
        waitFor(orderId, OrderState.CREATED);

        Http.Response own = http.send(java.net.http.HttpRequest.newBuilder(URI.create(orders.url("/api/orders/" + orderId)))
                .header("Authorization", alice).GET().build());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("customerId").asString()).isEqualTo("c-alice");
        Http.Response other = http.send(java.net.http.HttpRequest.newBuilder(URI.create(orders.url("/api/orders/" + orderId)))
                .header("Authorization", bob).GET().build());
        assertThat(other.status()).isEqualTo(404);
        Http.Response cancel = http.send(java.net.http.HttpRequest.newBuilder(URI.create(orders.url("/api/orders/" + orderId + "/cancel")))
                .header("Authorization", bob).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(cancel.status()).isEqualTo(404);
        Http.Response listing = http.send(java.net.http.HttpRequest.newBuilder(URI.create(orders.url("/api/orders?customerId=c-alice")))
                .header("Authorization", bob).GET().build());
        assertThat(listing.status()).isEqualTo(403);
        Http.Response mine = http.send(java.net.http.HttpRequest.newBuilder(URI.create(orders.url("/api/orders")))
                .header("Authorization", alice).GET().build());
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).contains(orderId);
    }

    private String place(String customerId) {
        Http.Response response = http.post(orders.url("/api/orders"), UUID.randomUUID().toString(),
                Http.order(customerId, "p-001", "2", "p-002", "1"));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("orderId").asString();
    }

    private void passChecks(String orderId) {
        kafka.send(Topics.INVENTORY_CHECKS, orderId, inventoryPassed(orderId));
        kafka.send(Topics.FRAUD_CHECKS, orderId, fraudPassed(orderId));
    }

    private JsonNode waitFor(String orderId, OrderState state) {
        Http.Response response = http.get(orders.url("/api/orders/" + orderId + "?waitFor=" + state + "&timeout=20s"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("waitTimedOut").asBoolean()).as(response.body()).isFalse();
        return response.json();
    }

    private static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    @Test
    void anOrderGoesFromPlacedToConfirmed() {
        Http.Response placed = http.post(orders.url("/api/orders"), "happy-1",
                Http.order("c-happy", "p-001", "2", "p-002", "1"));

        assertThat(placed.status()).isEqualTo(202);
        String orderId = placed.json().get("orderId").asString();
        assertThat(orderId).isEqualTo(OrderPlacement.orderId("c-happy", "happy-1"));
        assertThat(placed.json().get("state").asString()).isEqualTo("CREATED");
        assertThat(placed.header("Location")).isEqualTo("/api/orders/" + orderId);

        OrderRequested requested = (OrderRequested) kafka.awaitValues(Topics.ORDER_REQUESTED, orderId, 1).get(0);
        long expectedTotal = requested.getLines().stream().mapToLong(l -> l.getQuantity() * l.getUnitPriceCents()).sum();
        assertThat(requested.getTotalCents()).isEqualTo(expectedTotal).isPositive();
        assertThat(requested.getCurrency()).isEqualTo("EUR");

        assertThat(waitFor(orderId, OrderState.CREATED).get("version").asLong()).isEqualTo(1);
        passChecks(orderId);
        assertThat(waitFor(orderId, OrderState.VALIDATED).get("state").asString()).isEqualTo("VALIDATED");
        kafka.send(Topics.PAYMENT_PROCESSED, orderId, payment(orderId, PaymentStatus.AUTHORIZED));

        JsonNode confirmed = waitFor(orderId, OrderState.CONFIRMED);
        assertThat(confirmed.get("state").asString()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("version").asLong()).isEqualTo(4);
        assertThat(confirmed.get("paymentId").asString()).isEqualTo("pay-" + orderId);
        assertThat(confirmed.get("totalCents").asLong()).isEqualTo(expectedTotal);
        assertThat(kafka.awaitValues(Topics.ORDER_VALIDATED, orderId, 1)).singleElement().isInstanceOf(OrderValidated.class);
        assertThat(kafka.awaitValues(Topics.ORDER_CONFIRMED, orderId, 1)).singleElement().isInstanceOf(OrderConfirmed.class);

        Http.Response read = http.get(orders.url("/api/orders/" + orderId));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("state").asString()).isEqualTo("CONFIRMED");
        assertThat(read.json().has("waitTimedOut")).isFalse();
    }

    @Test
    void theSameKeyGivesTheSameOrderAndAnotherBodyIsRefused() throws Exception {
        String body = Http.order("c-idem", "p-003", "1");
        Http.Response first = http.post(orders.url("/api/orders"), "idem-key", body);
        Http.Response second = http.post(orders.url("/api/orders"), "idem-key", body);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        String orderId = first.json().get("orderId").asString();
        assertThat(second.json().get("orderId").asString()).isEqualTo(orderId);
        assertThat(second.header("Idempotency-Replayed")).isEqualTo("true");

        Http.Response other = http.post(orders.url("/api/orders"), "idem-key", Http.order("c-idem", "p-003", "2"));
        assertProblem(other, 422);
        assertThat(other.json().get("type").asString()).isEqualTo("urn:eventshop:problem:idempotency-key-reused");

        // Once the order is in the view, the view answers (still one OrderRequested).
        waitFor(orderId, OrderState.CREATED);
        Http.Response third = http.post(orders.url("/api/orders"), "idem-key", body);
        assertThat(third.status()).isEqualTo(202);
        assertThat(third.json().get("orderId").asString()).isEqualTo(orderId);
        assertProblem(http.post(orders.url("/api/orders"), "idem-key", Http.order("c-idem", "p-004", "1")), 422);

        Thread.sleep(300);
        assertThat(kafka.valuesFor(Topics.ORDER_REQUESTED, orderId)).hasSize(1);
        // Another customer with the same key is another order.
        Http.Response otherCustomer = http.post(orders.url("/api/orders"), "idem-key", Http.order("c-idem-2", "p-003", "1"));
        assertThat(otherCustomer.json().get("orderId").asString()).isNotEqualTo(orderId);
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        String customer = "c-bad-input";
        String address = "\"shippingAddress\":{\"name\":\"A\",\"street\":\"S\",\"city\":\"C\",\"postalCode\":\"1\",\"country\":\"DE\"}";
        String url = orders.url("/api/orders");

        Http.Response noLines = http.post(url, "k1", "{\"customerId\":\"" + customer + "\",\"lines\":[]," + address + "}");
        assertProblem(noLines, 400);
        assertThat(noLines.json().get("errors").get(0).get("field").asString()).isEqualTo("lines");

        Http.Response zero = http.post(url, "k2", Http.order(customer, "p-001", "0"));
        assertProblem(zero, 400);
        assertThat(zero.json().get("errors").get(0).get("field").asString()).isEqualTo("lines[0].quantity");
        assertProblem(http.post(url, "k3", Http.order(customer, "p-001", "1001")), 400);

        Http.Response unknownField = http.post(url, "k4",
                "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\"p-001\",\"quantity\":1,\"unitPriceCents\":1}]," + address + "}");
        assertProblem(unknownField, 400);
        assertThat(unknownField.body()).contains("unitPriceCents");

        String huge = "{\"customerId\":\"" + customer + "\",\"padding\":\"" + "x".repeat(70_000) + "\"}";
        assertProblem(http.post(url, "k5", huge), 413);

        Http.Response noKey = http.post(url, null, Http.order(customer, "p-001", "1"));
        assertProblem(noKey, 400);
        assertThat(noKey.body()).contains("Idempotency-Key");

        assertProblem(http.post(url, "k6", Http.order(customer, "p-001", "1", "p-001", "2")), 400);
        assertProblem(http.post(url, "k7", "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\"p-001\",\"quantity\":1}],"
                + "\"shippingAddress\":{\"name\":\"A\",\"street\":\"S\",\"city\":\"C\",\"postalCode\":\"1\",\"country\":\"Germany\"}}"), 400);
        assertProblem(http.post(url, "k8", "not json"), 400);

        Http.Response unknownProduct = http.post(url, "k9", Http.order(customer, "p-001", "1", "p-999", "1"));
        assertProblem(unknownProduct, 422);
        assertThat(unknownProduct.json().get("productIds").get(0).asString()).isEqualTo("p-999");

        assertThat(kafka.readAll(Topics.ORDER_REQUESTED))
                .noneMatch(r -> ((OrderRequested) r.value()).getCustomerId().equals(customer));
    }

    @Test
    void aLongPollThatRunsOutOfTimeAnswersTheCurrentState() {
        String orderId = place("c-timeout");
        waitFor(orderId, OrderState.CREATED);

        long start = System.nanoTime();
        Http.Response response = http.get(orders.url("/api/orders/" + orderId + "?waitFor=CONFIRMED&timeout=1s"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("waitTimedOut").asBoolean()).isTrue();
        assertThat(response.json().get("state").asString()).isEqualTo("CREATED");
        assertThat(response.header("X-Wait-Timed-Out")).isEqualTo("true");
        assertThat(tookMs).isBetween(900L, 3_000L);
        assertThat(orders.waiters()).isZero();

        assertProblem(http.get(orders.url("/api/orders/" + orderId + "?waitFor=SOMEDAY")), 400);
        assertProblem(http.get(orders.url("/api/orders/" + orderId + "?waitFor=PAID&timeout=soon")), 400);
        assertProblem(http.get(orders.url("/api/orders/no-such-order")), 404);
        assertProblem(http.get(orders.url("/api/orders/no-such-order?waitFor=CREATED&timeout=500ms")), 404);
    }

    @Test
    void manyWaitersOnOneOrderAreAllAnsweredAndNoneIsLeft() throws Exception {
        String orderId = place("c-waiters");
        waitFor(orderId, OrderState.CREATED);

        List<CompletableFuture<Http.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(http.getAsync(orders.url("/api/orders/" + orderId + "?waitFor=VALIDATED&timeout=30s")));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (orders.waiters() < 200 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(orders.waiters()).isEqualTo(200);
        assertThat(answers).noneMatch(CompletableFuture::isDone);

        passChecks(orderId);

        for (CompletableFuture<Http.Response> answer : answers) {
            Http.Response response = answer.get(30, TimeUnit.SECONDS);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("state").asString()).isEqualTo("VALIDATED");
            assertThat(response.json().get("waitTimedOut").asBoolean()).isFalse();
        }
        assertThat(orders.waiters()).isZero();
        assertThat(orders.subscribers()).isZero();

        // Waiters that time out are removed as well, and so are those whose client goes away.
        List<CompletableFuture<Http.Response>> late = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            late.add(http.getAsync(orders.url("/api/orders/" + orderId + "?waitFor=DELIVERED&timeout=1s")));
        }
        for (CompletableFuture<Http.Response> answer : late) {
            assertThat(answer.get(30, TimeUnit.SECONDS).json().get("waitTimedOut").asBoolean()).isTrue();
        }
        CompletableFuture<HttpResponse<String>> abandoned = http.client().sendAsync(
                Http.withToken(HttpRequest.newBuilder(URI.create(orders.url("/api/orders/" + orderId + "?waitFor=DELIVERED&timeout=2s")))
                        .GET().build()), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        abandoned.cancel(true);
        Thread.sleep(3_000);
        assertThat(orders.waiters()).isZero();
        assertThat(orders.subscribers()).isZero();
    }

    @Test
    void serverSentEventsFollowEveryChange() throws Exception {
        String orderId = place("c-sse");
        waitFor(orderId, OrderState.CREATED);

        List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
        List<String> comments = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = http.client().sendAsync(
                Http.withToken(HttpRequest.newBuilder(URI.create(orders.url("/api/orders/" + orderId + "/events")))
                        .header("Accept", "text/event-stream").GET().build()),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> response.body().forEach(line -> {
            if (line.startsWith("data:")) {
                events.add(Http.JSON.readTree(line.substring(5)));
            } else if (line.startsWith(":")) {
                comments.add(line);
            }
        }));
        reader.setDaemon(true);
        reader.start();

        awaitEvents(events, 1);
        passChecks(orderId);
        awaitEvents(events, 2);
        kafka.send(Topics.PAYMENT_PROCESSED, orderId, payment(orderId, PaymentStatus.AUTHORIZED));
        awaitEvents(events, 4);

        assertThat(events).extracting(e -> e.get("state").asString())
                .containsExactly("CREATED", "VALIDATED", "PAID", "CONFIRMED");
        assertThat(events).extracting(e -> e.get("version").asLong()).containsExactly(1L, 2L, 3L, 4L);
        Thread.sleep(1_500);
        assertThat(comments).isNotEmpty(); // heartbeats keep idle streams checked
        assertThat(orders.eventStreams()).isEqualTo(1);

        response.body().close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (orders.eventStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(orders.eventStreams()).isZero();
        assertThat(orders.subscribers()).isZero();
        assertProblem(http.get(orders.url("/api/orders/nothing-here/events")), 404);
    }

    private static void awaitEvents(List<JsonNode> events, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(count);
    }

    @Test
    void cancelWritesTheCommandAndTheProcessorCancels() {
        String orderId = place("c-cancel");
        passChecks(orderId);
        waitFor(orderId, OrderState.VALIDATED);

        Http.Response cancel = http.post(orders.url("/api/orders/" + orderId + "/cancel"), null,
                "{\"reason\":\"found it cheaper\"}");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        assertThat(cancel.header("Location")).isEqualTo("/api/orders/" + orderId);

        JsonNode cancelled = waitFor(orderId, OrderState.CANCELLED);
        assertThat(cancelled.get("reasons").get(0).asString()).isEqualTo("CANCELLED: found it cheaper");
        List<SpecificRecord> onConfirmed = kafka.awaitValues(Topics.ORDER_CONFIRMED, orderId, 1);
        assertThat(onConfirmed).singleElement().isInstanceOf(OrderCancelled.class);
        assertThat(((OrderCancelled) onConfirmed.get(0)).getPreviousState()).isEqualTo(OrderState.VALIDATED);

        Http.Response again = http.post(orders.url("/api/orders/" + orderId + "/cancel"), null, null);
        assertProblem(again, 409);
        assertThat(again.json().get("state").asString()).isEqualTo("CANCELLED");
        assertProblem(http.post(orders.url("/api/orders/nope/cancel"), null, null), 404);
    }

    @Test
    void aShippedOrderCannotBeCancelled() {
        String orderId = place("c-shipped");
        passChecks(orderId);
        waitFor(orderId, OrderState.VALIDATED);
        kafka.send(Topics.PAYMENT_PROCESSED, orderId, payment(orderId, PaymentStatus.AUTHORIZED));
        waitFor(orderId, OrderState.CONFIRMED);
        kafka.send(Topics.SHIPMENT_EVENTS, orderId, OrderFixtures.shipment(orderId, ShipmentStatus.SHIPPED));
        assertThat(waitFor(orderId, OrderState.SHIPPED).get("trackingNumber").asString()).isEqualTo("TRK-" + orderId);

        Http.Response refused = http.post(orders.url("/api/orders/" + orderId + "/cancel"), null, null);
        assertProblem(refused, 409);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:eventshop:problem:order-not-cancellable");
    }

    @Test
    void aCustomersOrdersComeNewestFirstInPages() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(place("c-list"));
            Thread.sleep(5); // distinct creation times
        }
        for (String id : ids) {
            waitFor(id, OrderState.CREATED);
        }

        Http.Response first = http.get(orders.url("/api/orders?customerId=c-list&page=0&size=2"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("total").asLong()).isEqualTo(3);
        assertThat(first.json().get("orders")).extracting(o -> o.get("orderId").asString())
                .containsExactly(ids.get(2), ids.get(1));
        Http.Response second = http.get(orders.url("/api/orders?customerId=c-list&page=1&size=2"));
        assertThat(second.json().get("orders")).extracting(o -> o.get("orderId").asString())
                .containsExactly(ids.get(0));
        assertThat(http.get(orders.url("/api/orders?customerId=nobody")).json().get("total").asLong()).isZero();
        assertProblem(http.get(orders.url("/api/orders?customerId=c-list&size=1000")), 400);
    }

    @Test
    void ignoredEventsAreCountedByReason() throws Exception {
        String orderId = place("c-metrics");
        passChecks(orderId);
        waitFor(orderId, OrderState.VALIDATED);
        kafka.send(Topics.INVENTORY_CHECKS, orderId, inventoryPassed(orderId)); // after the decision

        String url = orders.url("/actuator/metrics/eventshop.orders.ignored.events?tag=reason:LATE_CHECK");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        double count = 0;
        while (count < 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            count = http.get(url).json().get("measurements").get(0).get("value").asDouble();
        }
        assertThat(count).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theApiIsDocumented() {
        Http.Response docs = http.get(orders.url("/v3/api-docs"));
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/orders")).isTrue();
        assertThat(docs.json().get("paths").has("/api/orders/{orderId}/cancel")).isTrue();
        assertThat(http.get(orders.url("/actuator/health/readiness")).status()).isEqualTo(200);
    }
}
