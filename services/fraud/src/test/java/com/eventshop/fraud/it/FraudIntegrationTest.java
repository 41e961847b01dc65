package com.eventshop.fraud.it;

import com.eventshop.devinfra.TestKafka;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.FraudChecked;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.fraud.FraudApplication;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The fraud service on a real broker: a burst of orders from one customer trips the velocity rule. */
@SpringBootTest(classes = FraudApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=fraud", "EVENTSHOP_COMMIT_INTERVAL_MS=50", "EVENTSHOP_LOG_FORMAT=plain",
                "eventshop.fraud.max-orders-per-window=5"})
class FraudIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("eventshop.security.jwks-uri", () -> com.eventshop.devinfra.TestTokens.shared().jwksUri());
        registry.add("EVENTSHOP_DATA_DIR", () -> Path.of(System.getProperty("java.io.tmpdir"),
                "it-data-" + UUID.randomUUID()).toString());
    }

    @LocalServerPort
    int port;

    private static void order(String orderId, String customerId, long cents, Instant at) {
        TestKafka.send(Topics.ORDER_REQUESTED, orderId, OrderRequested.newBuilder().setOrderId(orderId)
                .setCustomerId(customerId)
                .setLines(List.of(OrderLine.newBuilder().setProductId("p-001").setQuantity(1)
                        .setUnitPriceCents(cents).build()))
                .setTotalCents(cents).setCurrency("EUR")
                .setShippingAddress(Address.newBuilder().setName("A").setStreet("S").setCity("C")
                        .setPostalCode("1").setCountry("DE").build())
                .setRequestedAt(at).build());
    }

    private static FraudChecked check(String orderId) {
        List<SpecificRecord> checks = TestKafka.values(Topics.FRAUD_CHECKS, orderId, WAIT, v -> !v.isEmpty());
        assertThat(checks).as("FraudChecked of %s", orderId).hasSize(1);
        return (FraudChecked) checks.get(0);
    }

    @Test
    void aBurstOfOrdersFromOneCustomerTripsTheVelocityRule() {
        Instant start = Instant.now();
        for (int i = 1; i <= 6; i++) {
            order("o-burst-" + i, "c-burst", 1000, start.plusMillis(i));
        }
        // The orders reach the rule through several partitions, in any order: whichever is checked
        // when five others are already known is the one over the limit.
        java.util.List<FraudChecked> checks = java.util.stream.IntStream.rangeClosed(1, 6)
                .mapToObj(i -> check("o-burst-" + i)).toList();
        assertThat(checks).filteredOn(c -> !c.getPassed()).singleElement().satisfies(failed -> {
            assertThat(failed.getRule()).isEqualTo("velocity");
            assertThat(failed.getCustomerId()).isEqualTo("c-burst");
        });

        // another customer is unaffected
        order("o-calm-1", "c-calm", 1000, start.plusMillis(10));
        assertThat(check("o-calm-1").getPassed()).isTrue();
    }

    @Test
    void aBigSpenderTripsTheAmountRule() {
        Instant start = Instant.now();
        order("o-big-1", "c-big", 400_000, start);
        order("o-big-2", "c-big", 100_001, start.plusSeconds(1));
        // Checked in either order, the second of the two to be checked goes over the limit.
        java.util.List<FraudChecked> checks = java.util.List.of(check("o-big-1"), check("o-big-2"));
        assertThat(checks).filteredOn(c -> !c.getPassed()).singleElement()
                .satisfies(failed -> assertThat(failed.getRule()).isEqualTo("amount-limit"));
    }

    @Test
    void readinessFollowsTheStreams() {
        Http http = new Http(port);
        Awaitility.await().atMost(WAIT).until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
        HttpResponse<String> readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }
}
