package com.eventshop.app.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventshop.app.Eventshop;
import com.eventshop.app.TestPlatform;
import com.eventshop.devinfra.SmtpServer.MailMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An order from placement to the customer's door across orders, inventory, fraud, payments,
 * shipping and notifications (the simulated carrier takes 2 s per step here), with the emails
 * read from the SMTP server, the order's timeline, and a rebuild of the orders view.
 * The customers are the demo customers notifications seeds (c-1..c-5).
 */
class DeliveryFlowTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path temp;
    static Eventshop shop;

    @BeforeAll
    static void startPlatform() {
        shop = TestPlatform.start(temp.resolve("data"), "delivery-admin-password", Map.of(
                "eventshop.accounts.access-token-ttl", "60m", // one admin token for the whole class
                "eventshop.shipping.simulated.step-interval", "2s",
                "eventshop.shipping.check-interval", "100ms",
                "eventshop.notifications.send-interval", "50ms"));
        adminToken = AccountsLogin.accessToken(shop.url("accounts"), "admin@eventshop.local", "delivery-admin-password");
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
    void anOrderIsDeliveredWithEmailsAndTheTimelineListsItAll() throws Exception {
        // 1. Delivered, with received, confirmed, shipped and delivered emails in that order.
        String delivered = place("c-2", "p-001", 1);
        JsonNode order = awaitState(delivered, "DELIVERED");
        String tracking = order.get("trackingNumber").asString();
        assertThat(tracking).matches("ES\\d{12}");
        await().atMost(WAIT).until(() -> mailsTo("c-2").size() >= 4);
        List<MailMessage> mails = mailsTo("c-2");
        assertThat(mails).extracting(MailMessage::subject).containsExactly(
                "We received your order " + delivered, "Your order " + delivered + " is confirmed",
                "Your order " + delivered + " has shipped", "Your order " + delivered + " was delivered");
        assertThat(mails.get(0).text()).contains("Hello Demo customer c-2").contains("12.99 EUR");
        assertThat(mails.get(2).text()).contains(tracking);
        assertThat(getJson("shipping", "/api/shipments/" + delivered).get("status").asString()).isEqualTo("DELIVERED");

        // 6. The timeline: every event of the order, from every topic, in order, with its writer.
        await().atMost(WAIT).untilAsserted(() -> assertThat(timelineTypes(delivered))
                .filteredOn(t -> t.equals("NotificationSent")).hasSize(4));
        JsonNode timeline = getJson("orders", "/api/orders/" + delivered + "/timeline");
        List<String> types = timelineTypes(delivered);
        assertThat(types).startsWith("OrderRequested").contains("InventoryChecked", "FraudChecked",
                "OrderPaymentProcessed", "OrderConfirmed");
        // Order flow v2: the payment is authorised beside the checks, and the last of the three confirms.
        assertThat(types).doesNotContain("OrderValidated");
        assertThat(types.indexOf("InventoryChecked")).isLessThan(types.indexOf("OrderConfirmed"));
        assertThat(types.indexOf("FraudChecked")).isLessThan(types.indexOf("OrderConfirmed"));
        assertThat(types.indexOf("OrderPaymentProcessed")).isLessThan(types.indexOf("OrderConfirmed"));
        // ...and the hold is captured once the carrier has the parcel.
        assertThat(types.lastIndexOf("OrderPaymentProcessed")).isGreaterThan(types.indexOf("OrderConfirmed"));
        List<String> shipments = new ArrayList<>();
        for (JsonNode event : timeline.get("events")) {
            if (event.get("type").asString().equals("ShipmentUpdated")) {
                assertThat(event.get("writer").asString()).isEqualTo("shipping");
                shipments.add(event.get("summary").get("status").asString());
            }
            if (event.get("type").asString().equals("OrderRequested")) {
                assertThat(event.get("writer").asString()).isEqualTo("orders");
                assertThat(event.get("summary").get("customerId").asString()).isEqualTo("c-2");
            }
            assertThat(event.get("timestamp").asString()).isNotBlank();
        }
        assertThat(shipments).containsExactly("PACKED", "SHIPPED", "OUT_FOR_DELIVERY", "DELIVERED");

        // 2. A rejected order and a cancelled paid order: the right emails, once each.
        setStock("p-002", 1);
        String rejected = place("c-3", "p-002", 2);
        assertThat(awaitState(rejected, "REJECTED").get("state").asString()).isEqualTo("REJECTED");
        String cancelled = place("c-4", "p-003", 1);
        awaitState(cancelled, "CONFIRMED");
        HttpResponse<String> cancel = send(HttpRequest.newBuilder(
                        URI.create(shop.url("orders") + "/api/orders/" + cancelled + "/cancel"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"changed my mind\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        awaitState(cancelled, "CANCELLED");
        await().atMost(WAIT).until(() -> mailsTo("c-4").size() >= 4 && mailsTo("c-3").size() >= 2);
        assertThat(mailsTo("c-3")).extracting(MailMessage::subject).containsExactly(
                "We received your order " + rejected, "We could not accept your order " + rejected);
        assertThat(mailsTo("c-3").get(1).text()).contains("OUT_OF_STOCK: p-002");
        assertThat(mailsTo("c-4")).extracting(MailMessage::subject).containsExactly(
                "We received your order " + cancelled, "Your order " + cancelled + " is confirmed",
                "Your order " + cancelled + " is cancelled", "Your refund for order " + cancelled);
        assertThat(getJson("shipping", "/api/shipments/" + cancelled).get("status").asString()).isEqualTo("CANCELLED");

    }

    /**
     * Rebuilding the orders view re-reads every input topic in timestamp order; payments stamps
     * its events after their cause, so the rebuilt view takes every event in the original order.
     */
    @Test
    void aRebuiltOrdersViewEqualsTheOriginal() throws Exception {
        String delivered = place("c-1", "p-005", 1);
        awaitState(delivered, "DELIVERED");
        setStock("p-006", 1);
        String rejected = place("c-1", "p-006", 2);
        awaitState(rejected, "REJECTED");
        // The payment was authorised beside the checks: the view settles once its hold is voided.
        await().atMost(WAIT).until(() -> getJson("orders", "/api/orders/" + rejected).get("reasons").toString()
                .contains("VOIDED: "));
        Map<String, JsonNode> before = new HashMap<>();
        for (String id : List.of(delivered, rejected)) {
            before.put(id, comparable(getJson("orders", "/api/orders/" + id)));
        }
        List<String> listedBefore = listedOrders("c-1");
        assertThat(listedBefore).contains(delivered, rejected);
        shop.rebuild("orders");
        for (String id : before.keySet()) {
            await().atMost(WAIT).untilAsserted(() -> {
                HttpResponse<String> response = get("orders", "/api/orders/" + id);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(comparable(JSON.readTree(response.body()))).isEqualTo(before.get(id));
            });
        }
        // The customer index has no changelog: a task that starts on a restored view builds it again.
        assertThat(listedOrders("c-1")).isEqualTo(listedBefore);
    }

    private static List<String> listedOrders(String customerId) throws Exception {
        List<String> ids = new ArrayList<>();
        getJson("orders", "/api/orders?customerId=" + customerId + "&size=100").get("orders")
                .forEach(order -> ids.add(order.get("orderId").asString()));
        return ids;
    }

    /** The view as the topics determine it: updatedAt is the time orders processed the event, so a rebuild renews it. */
    private static JsonNode comparable(JsonNode order) {
        ObjectNode copy = (ObjectNode) order.deepCopy();
        copy.remove("updatedAt");
        return copy;
    }

    private static void setStock(String product, int available) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(shop.url("inventory") + "/api/inventory/" + product))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":" + available + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> getJson("inventory", "/api/inventory/" + product).get("available").asInt()
                == available);
    }

    private static List<String> timelineTypes(String orderId) throws Exception {
        List<String> types = new ArrayList<>();
        getJson("orders", "/api/orders/" + orderId + "/timeline").get("events")
                .forEach(e -> types.add(e.get("type").asString()));
        return types;
    }

    private static List<MailMessage> mailsTo(String customerId) {
        return shop.infra().smtp().orElseThrow().deliveries().stream()
                .filter(m -> m.to().stream().anyMatch(t -> t.contains(customerId + "@"))).toList();
    }

    private static JsonNode awaitState(String id, String state) throws Exception {
        JsonNode order = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            order = getJson("orders", "/api/orders/" + id + "?waitFor=" + state + "&timeout=20s");
            String now = order.get("state").asString();
            if (now.equals(state) || List.of("REJECTED", "PAYMENT_FAILED", "CANCELLED", "DELIVERED").contains(now)) {
                return order;
            }
        }
        throw new AssertionError("Order " + id + " did not reach " + state + ": " + order);
    }

    private static String place(String customer, String product, int quantity) throws Exception {
        String body = "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":"
                + quantity + "}],\"shippingAddress\":{\"name\":\"Ada\",\"street\":\"1 Main St\",\"city\":\"Lyon\","
                + "\"postalCode\":\"69001\",\"country\":\"FR\"}}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(shop.url("orders") + "/api/orders"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("orderId").asString();
    }

    private static HttpResponse<String> get(String service, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(shop.url(service) + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String service, String path) throws Exception {
        HttpResponse<String> response = get(service, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
