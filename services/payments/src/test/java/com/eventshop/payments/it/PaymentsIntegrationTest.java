package com.eventshop.payments.it;

import com.eventshop.devinfra.TestKafka;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.contracts.events.PaymentRefunded;
import com.eventshop.payments.PaymentsApplication;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payments service on a real broker with real HTTP: authorisation, decline over the limit,
 * exactly one refund for repeated cancellations, and the payment query.
 */
@SpringBootTest(classes = PaymentsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=payments", "EVENTSHOP_COMMIT_INTERVAL_MS=50",
                "EVENTSHOP_LOG_FORMAT=plain"})
class PaymentsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GROUP = "eventshop-payments";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("eventshop.security.jwks-uri", () -> com.eventshop.devinfra.TestTokens.shared().jwksUri());
        registry.add("EVENTSHOP_DATA_DIR", () -> Path.of(System.getProperty("java.io.tmpdir"),
                "it-data-" + UUID.randomUUID()).toString());
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static RecordMetadata validate(String orderId, long cents) {
        return TestKafka.send(Topics.ORDER_VALIDATED, orderId, OrderValidated.newBuilder().setOrderId(orderId)
                .setCustomerId("c-it").setTotalCents(cents).setCurrency("EUR").setValidatedAt(Instant.now()).build());
    }

    private static RecordMetadata cancel(String orderId) {
        return TestKafka.send(Topics.ORDER_CONFIRMED, orderId, OrderCancelled.newBuilder().setOrderId(orderId)
                .setCustomerId("c-it").setPreviousState(OrderState.PAID).setReason("changed my mind")
                .setCancelledAt(Instant.now()).build());
    }

    private static List<SpecificRecord> payments(String orderId, int atLeast) {
        return TestKafka.values(Topics.PAYMENT_PROCESSED, orderId, WAIT, v -> v.size() >= atLeast);
    }

    @Test
    void aValidatedOrderIsAuthorisedAndCanBeQueried() {
        validate("o-pay-1", 2500);
        List<SpecificRecord> out = payments("o-pay-1", 1);
        assertThat(out).hasSize(1);
        OrderPaymentProcessed processed = (OrderPaymentProcessed) out.get(0);
        assertThat(processed.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(processed.getAmountCents()).isEqualTo(2500);

        HttpResponse<String> response = http.get("/api/payments/o-pay-1");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode payment = JSON.readTree(response.body());
        assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(payment.get("paymentId").asString()).isEqualTo(processed.getPaymentId());
        assertThat(payment.get("amountCents").asLong()).isEqualTo(2500);
        assertThat(payment.get("refund").get("status").asString()).isEqualTo("NONE");
    }

    @Test
    void overTheLimitIsDeclined() {
        validate("o-pay-2", 1_000_001);
        OrderPaymentProcessed processed = (OrderPaymentProcessed) payments("o-pay-2", 1).get(0);
        assertThat(processed.getStatus()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(processed.getReason()).contains("limit");
    }

    @Test
    void repeatedCancellationsVoidTheHoldExactlyOnceAndARedeliveredValidationChargesNothing() {
        validate("o-pay-3", 900);
        assertThat(payments("o-pay-3", 1)).hasSize(1);
        cancel("o-pay-3");
        cancel("o-pay-3");
        RecordMetadata last = validate("o-pay-3", 900);
        TestKafka.awaitConsumed(GROUP, last, WAIT);
        RecordMetadata lastCancel = cancel("o-pay-3");
        TestKafka.awaitConsumed(GROUP, lastCancel, WAIT);

        List<SpecificRecord> out = payments("o-pay-3", 2);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(OrderPaymentProcessed.class);
        PaymentRefunded refund = (PaymentRefunded) out.get(1);
        assertThat(refund.getAmountCents()).isEqualTo(900);
        assertThat(refund.getVoided()).isTrue();
        assertThat(refund.getPaymentId()).isEqualTo(((OrderPaymentProcessed) out.get(0)).getPaymentId());

        JsonNode payment = JSON.readTree(http.get("/api/payments/o-pay-3").body());
        assertThat(payment.get("cancelled").asBoolean()).isTrue();
        assertThat(payment.get("refund").get("status").asString()).isEqualTo("VOIDED");
        assertThat(payment.get("refund").get("refundId").asString()).isEqualTo(refund.getRefundId());
    }

    @Test
    void aCancellationBeforeValidationIsNeverCharged() {
        cancel("o-pay-4");
        RecordMetadata validated = validate("o-pay-4", 100);
        TestKafka.awaitConsumed(GROUP, validated, WAIT);
        assertThat(TestKafka.values(Topics.PAYMENT_PROCESSED, "o-pay-4", Duration.ofSeconds(1), v -> false)).isEmpty();
        JsonNode payment = JSON.readTree(http.get("/api/payments/o-pay-4").body());
        assertThat(payment.get("status").asString()).isEqualTo("NOT_CHARGED");
    }

    @Test
    void unknownAndInvalidOrdersGetProblems() {
        HttpResponse<String> unknown = http.get("/api/payments/o-pay-unknown");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(http.get("/api/payments/bad%20id").statusCode()).isEqualTo(400);
    }
}
