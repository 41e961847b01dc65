package com.eventshop.orders.it;

import static com.eventshop.orders.OrderFixtures.fraudPassed;
import static com.eventshop.orders.OrderFixtures.inventoryPassed;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.Topics;
import com.eventshop.orders.api.OrderView;
import com.eventshop.platform.kafka.streams.KeyOwnerForwarder;
import com.eventshop.platform.kafka.streams.StoreUnavailable;
import com.eventshop.platform.web.ProblemException;
import com.eventshop.orders.streams.OrdersTopology;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two orders instances (same application id, own ports and state directories): every order
 * answers from either one (forwarded to its owner), and a dead owner gives a prompt 503.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {

    private static final int ORDERS = 20;

    private TestKafka kafka;
    private OrdersInstance a;
    private OrdersInstance b;
    private final Http http = new Http();
    private final List<String> orderIds = new ArrayList<>();

    private static final Map<String, String> SETTINGS = Map.of(
            "eventshop.orders.validation-timeout", "60s",
            // a lost instance is noticed after 6 s (the broker's minimum), not the default 45 s
            "spring.kafka.streams.properties.session.timeout.ms", "6000",
            "spring.kafka.streams.properties.heartbeat.interval.ms", "1000");

    @BeforeAll
    void start() throws Exception {
        kafka = TestKafka.start();
        Path state = kafka.dataDir();
        a = OrdersInstance.start(kafka, Files.createTempDirectory(state, "a-"), SETTINGS);
        b = OrdersInstance.start(kafka, Files.createTempDirectory(state, "b-"), SETTINGS);
        awaitBothRunningWithTasks();
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {b, a, kafka}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    private void awaitBothRunningWithTasks() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            boolean ready = a.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                    && b.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                    && !a.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty()
                    && !b.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty();
            if (ready) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("both instances did not get tasks");
    }

    private HostInfo owner(String orderId) {
        KeyQueryMetadata metadata = a.streams().queryMetadataForKey(OrdersTopology.ORDERS_VIEW_STORE, orderId,
                new StringSerializer());
        return metadata.activeHost();
    }

    private String awaitAnswer(OrdersInstance instance, String orderId, String state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Http.Response last = null;
        while (System.nanoTime() < deadline) {
            last = http.get(instance.url("/api/orders/" + orderId + "?waitFor=" + state + "&timeout=5s"));
            if (last.status() == 200 && last.json().get("state").asString().equals(state)) {
                return last.body();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("order " + orderId + " never answered " + state + " on port " + instance.port()
                + "; last answer " + (last == null ? null : last.status() + " " + last.body()));
    }

    @Test
    @Order(1)
    void everyOrderAnswersFromEitherInstance() throws Exception {
        for (int i = 0; i < ORDERS; i++) {
            OrdersInstance via = i % 2 == 0 ? a : b;
            Http.Response placed = http.post(via.url("/api/orders"), "two-" + i,
                    Http.order("c-two", "p-0" + (10 + i), "1"));
            assertThat(placed.status()).as(placed.body()).isEqualTo(202);
            orderIds.add(placed.json().get("orderId").asString());
        }
        for (String orderId : orderIds) {
            kafka.send(Topics.INVENTORY_CHECKS, orderId, inventoryPassed(orderId));
            kafka.send(Topics.FRAUD_CHECKS, orderId, fraudPassed(orderId));
        }

        List<Integer> ownerPorts = new ArrayList<>();
        for (String orderId : orderIds) {
            awaitAnswer(a, orderId, "VALIDATED");
            awaitAnswer(b, orderId, "VALIDATED");
            Http.Response fromA = http.get(a.url("/api/orders/" + orderId));
            Http.Response fromB = http.get(b.url("/api/orders/" + orderId));
            assertThat(fromA.status()).as(fromA.body()).isEqualTo(200);
            assertThat(fromB.status()).as(fromB.body()).isEqualTo(200);
            assertThat(fromA.json().get("version").asLong()).isEqualTo(fromB.json().get("version").asLong());
            ownerPorts.add(owner(orderId).port());
        }
        // Both instances own some of the orders, so both forwarded some queries.
        assertThat(ownerPorts).contains(a.port(), b.port());

        // The customer's orders are spread over both instances: gathered from both.
        for (OrdersInstance via : List.of(a, b)) {
            Http.Response list = http.get(via.url("/api/orders?customerId=c-two&size=100"));
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            assertThat(list.json().get("total").asLong()).isEqualTo(ORDERS);
            assertThat(list.json().get("orders").size()).isEqualTo(ORDERS);
        }
        Http.Response page = http.get(a.url("/api/orders?customerId=c-two&page=1&size=15"));
        assertThat(page.json().get("orders").size()).isEqualTo(5);
    }

    @Test
    @Order(2)
    void anOwnerThatCannotBeReachedGivesAPrompt503() throws Exception {
        // Nothing listens on a closed port: refused at once.
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        KeyOwnerForwarder forwarder = new KeyOwnerForwarder(Duration.ofMillis(500), Duration.ofSeconds(1),
                new com.eventshop.platform.security.ServiceTokens(
                        new com.eventshop.platform.security.EventshopSecurityProperties(), java.time.Clock.systemUTC()),
                JsonMapper.builder().build(), new StoreUnavailable("Orders temporarily unavailable"));
        long start = System.nanoTime();
        try {
            forwarder.fetch(new HostInfo("localhost", deadPort), "/api/orders/x", OrderView.class);
            throw new AssertionError("expected the owner to be unreachable");
        } catch (ProblemException expected) {
            assertThat(expected.getStatus().value()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
        // An owner that accepts but never answers: cut off at the read timeout.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept());
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long begin = System.nanoTime();
            try {
                forwarder.fetch(new HostInfo("127.0.0.1", silent.getLocalPort()), "/api/orders/x", OrderView.class);
                throw new AssertionError("expected a timeout");
            } catch (ProblemException expected) {
                assertThat(expected.getStatus().value()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - begin))
                        .isBetween(Duration.ofMillis(900), Duration.ofMillis(2_500));
            }
        }

        // Stop B: until the group notices, A still sees B as the owner of B's orders.
        List<String> ownedByB = orderIds.stream().filter(id -> owner(id).port() == b.port()).toList();
        assertThat(ownedByB).isNotEmpty();
        int bPort = b.port();
        b.close();
        b = null;

        String orderId = ownedByB.get(0);
        long begin = System.nanoTime();
        Http.Response response = http.get(a.url("/api/orders/" + orderId));
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isNotNull();
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(response.body()).contains(Integer.toString(bPort));

        // Once the group has moved B's partitions to A, A answers for every order again.
        for (String id : orderIds) {
            awaitAnswer(a, id, "VALIDATED");
        }
    }
}
