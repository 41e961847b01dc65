package com.eventshop.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.ShipmentUpdated;
import com.eventshop.notifications.mail.EmailRenderer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailsTest {

    @Test
    void aRejectionOnThePaymentAloneIsAPaymentFailedEmailAndPaymentsThemselvesCallForNone() {
        OrderPaymentProcessed.Builder payment = OrderPaymentProcessed.newBuilder().setOrderId("o-1").setPaymentId("p")
                .setAmountCents(1999).setCurrency("EUR").setProcessedAt(Instant.EPOCH);
        // The payment is one of the order's checks: orders decides, and its decision is emailed, once.
        assertThat(NotificationPlanner.plan(payment.setStatus(PaymentStatus.AUTHORIZED).build())).isEmpty();
        assertThat(NotificationPlanner.plan(payment.setStatus(PaymentStatus.DECLINED).build())).isEmpty();
        OrderRejected.Builder rejected = OrderRejected.newBuilder().setOrderId("o-1").setCustomerId("c-1")
                .setRejectedAt(Instant.EPOCH);
        PlannedEmail failed = NotificationPlanner.plan(rejected.setReasons(List.of("PAYMENT_DECLINED: card declined"))
                .build()).orElseThrow();
        assertThat(failed.kind()).isEqualTo(EmailKind.PAYMENT_FAILED);
        assertThat(failed.facts()).containsEntry("reason", "PAYMENT_DECLINED: card declined");
        assertThat(failed.notificationId()).isEqualTo("o-1:PAYMENT_FAILED");
        PlannedEmail both = NotificationPlanner.plan(rejected.setReasons(List.of("OUT_OF_STOCK: p-1",
                "PAYMENT_DECLINED: card declined")).build()).orElseThrow();
        assertThat(both.kind()).isEqualTo(EmailKind.REJECTED);

        ShipmentUpdated.Builder shipment = ShipmentUpdated.newBuilder().setOrderId("o-1").setShipmentId("shp-o-1")
                .setTrackingNumber("ES1").setCarrier("simulated").setUpdatedAt(Instant.EPOCH);
        assertThat(NotificationPlanner.plan(shipment.setStatus(ShipmentStatus.PACKED).build())).isEmpty();
        assertThat(NotificationPlanner.plan(shipment.setStatus(ShipmentStatus.SHIPPED).build()).orElseThrow().facts())
                .containsEntry("trackingNumber", "ES1");
    }

    @Test
    void templatesRenderTextAndEscapedHtmlWithAStableMessageId() {
        Email email = new EmailRenderer().render("o-1:SHIPPED", EmailKind.SHIPPED, "o-1", "a@example.test",
                "Ada <script>", Map.of("trackingNumber", "ES000000000001", "carrier", "simulated"));
        assertThat(email.subject()).isEqualTo("Your order o-1 has shipped");
        assertThat(email.text()).contains("Hello Ada <script>").contains("ES000000000001");
        assertThat(email.html()).contains("Ada &lt;script&gt;").contains("<strong>ES000000000001</strong>");
        assertThat(email.messageId()).isEqualTo("<o-1.SHIPPED@notifications.eventshop>");
    }

    @Test
    void backoffDoublesUpToTheMaximumAndResetsOnSuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(2));
        Instant t = Instant.EPOCH;
        assertThat(backoff.failed(t)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.ready(t.plusMillis(499))).isFalse();
        assertThat(backoff.failed(t)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.failed(t)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.failed(t)).isEqualTo(Duration.ofSeconds(2));
        backoff.succeeded();
        assertThat(backoff.ready(t)).isTrue();
    }
}
