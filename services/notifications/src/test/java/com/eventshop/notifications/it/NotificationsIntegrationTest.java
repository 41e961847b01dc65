package com.eventshop.notifications.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.NotificationSent;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.contracts.events.PaymentRefunded;
import com.eventshop.contracts.events.ShipmentUpdated;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Customer;
import com.eventshop.devinfra.Ports;
import com.eventshop.devinfra.SmtpServer;
import com.eventshop.devinfra.SmtpServer.MailMessage;
import com.eventshop.devinfra.TestKafka;
import com.eventshop.notifications.NotificationsApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Notifications on a real broker and a real SMTP server (GreenMail): the right emails once
 * each, across a stop and start of the service and an SMTP outage.
 */
class NotificationsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How long the SMTP server is down in the outage test: the issue's 30 s (-Deventshop.test.smtp-outage=5s for a quick run). */
    private static final Duration OUTAGE = Duration.parse("PT" + System.getProperty("eventshop.test.smtp-outage", "30s")
            .toUpperCase(java.util.Locale.ROOT));

    static final Path DATA = Path.of(System.getProperty("java.io.tmpdir"), "it-notifications-" + UUID.randomUUID());
    static int smtpPort;
    static SmtpServer smtp;
    static ConfigurableApplicationContext service;

    @BeforeAll
    static void start() {
        TestKafka.bootstrapServers();
        smtpPort = Ports.freePort();
        smtp = SmtpServer.start(smtpPort);
        service = startService();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    static ConfigurableApplicationContext startService() {
        return new SpringApplicationBuilder(NotificationsApplication.class).bannerMode(Banner.Mode.OFF)
                .properties(Map.of("EVENTSHOP_DATA_DIR", DATA.toString()))
                .run("--spring.config.name=notifications", "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
                        "--EVENTSHOP_COMMIT_INTERVAL_MS=50", "--EVENTSHOP_LOG_FORMAT=plain",
                        "--eventshop.notifications.send-interval=50ms",
                        "--eventshop.notifications.retry-backoff=200ms",
                        "--eventshop.notifications.max-retry-backoff=2s");
    }

    // ---- events as the other services write them

    static void customer(String customerId, String name) {
        TestKafka.send(Topics.CUSTOMERS, customerId, Customer.newBuilder().setCustomerId(customerId)
                .setEmail(customerId + "@example.test").setName(name).setAddress(address(name))
                .setUpdatedAt(Instant.now()).build());
    }

    static Address address(String name) {
        return new Address(name, "1 Main St", "Lyon", "69001", "FR");
    }

    static void requested(String orderId, String customerId) {
        TestKafka.send(Topics.ORDER_REQUESTED, orderId, OrderRequested.newBuilder().setOrderId(orderId)
                .setCustomerId(customerId).setLines(List.of(new OrderLine("p-001", 2, 1250L))).setTotalCents(2500)
                .setCurrency("EUR").setShippingAddress(address("Ada")).setRequestedAt(Instant.now()).build());
    }

    static void confirmed(String orderId, String customerId) {
        TestKafka.send(Topics.ORDER_CONFIRMED, orderId, OrderConfirmed.newBuilder().setOrderId(orderId)
                .setCustomerId(customerId).setLines(List.of()).setTotalCents(2500).setCurrency("EUR")
                .setShippingAddress(address("Ada")).setConfirmedAt(Instant.now()).build());
    }

    static void shipment(String orderId, ShipmentStatus status) {
        TestKafka.send(Topics.SHIPMENT_EVENTS, orderId, ShipmentUpdated.newBuilder().setOrderId(orderId)
                .setShipmentId("shp-" + orderId).setTrackingNumber("ES000000000042").setCarrier("simulated")
                .setStatus(status).setUpdatedAt(Instant.now()).build());
    }

    // ---- what the SMTP server got

    static List<MailMessage> mailsTo(String customerId) {
        return smtp.deliveries().stream().filter(m -> m.to().stream().anyMatch(t -> t.contains(customerId + "@")))
                .toList();
    }

    static List<String> subjectsTo(String customerId) {
        return mailsTo(customerId).stream().map(MailMessage::subject).toList();
    }

    static List<NotificationSent> sentRecords(String orderId, int atLeast, Duration timeout) {
        return TestKafka.values(Topics.NOTIFICATIONS_SENT, orderId, timeout, v -> v.size() >= atLeast).stream()
                .map(NotificationSent.class::cast).toList();
    }

    @Test
    void aRejectedOrderAndACancelledPaidOrderSendTheRightEmailsOnceEach() {
        customer("c-rej", "Grace Hopper");
        requested("o-rej", "c-rej");
        OrderRejected rejected = OrderRejected.newBuilder().setOrderId("o-rej").setCustomerId("c-rej")
                .setReasons(List.of("OUT_OF_STOCK: p-001")).setRejectedAt(Instant.now()).build();
        TestKafka.send(Topics.ORDER_VALIDATED, "o-rej", rejected);
        TestKafka.send(Topics.ORDER_VALIDATED, "o-rej", rejected); // a redelivery

        customer("c-can", "Alan Turing");
        requested("o-can", "c-can");
        TestKafka.send(Topics.ORDER_VALIDATED, "o-can", OrderValidated.newBuilder().setOrderId("o-can")
                .setCustomerId("c-can").setTotalCents(2500).setCurrency("EUR").setValidatedAt(Instant.now()).build());
        TestKafka.send(Topics.PAYMENT_PROCESSED, "o-can", OrderPaymentProcessed.newBuilder().setOrderId("o-can")
                .setPaymentId("pay-1").setStatus(PaymentStatus.AUTHORIZED).setAmountCents(2500).setCurrency("EUR")
                .setProcessedAt(Instant.now()).build());
        confirmed("o-can", "c-can");
        OrderCancelled cancelled = OrderCancelled.newBuilder().setOrderId("o-can").setCustomerId("c-can")
                .setPreviousState(OrderState.CONFIRMED).setReason("changed my mind").setCancelledAt(Instant.now()).build();
        TestKafka.send(Topics.ORDER_CONFIRMED, "o-can", cancelled);
        TestKafka.send(Topics.ORDER_CONFIRMED, "o-can", cancelled);
        TestKafka.send(Topics.PAYMENT_PROCESSED, "o-can", PaymentRefunded.newBuilder().setOrderId("o-can")
                .setPaymentId("pay-1").setRefundId("re-1").setAmountCents(2500).setCurrency("EUR")
                .setRefundedAt(Instant.now()).build());

        assertThat(sentRecords("o-rej", 2, WAIT)).hasSize(2);
        assertThat(sentRecords("o-can", 4, WAIT)).hasSize(4);
        await().atMost(WAIT).until(() -> mailsTo("c-can").size() >= 4 && mailsTo("c-rej").size() >= 2);

        assertThat(subjectsTo("c-rej")).containsExactly("We received your order o-rej",
                "We could not accept your order o-rej");
        MailMessage rejection = mailsTo("c-rej").get(1);
        assertThat(rejection.text()).contains("Hello Grace Hopper").contains("OUT_OF_STOCK: p-001");
        assertThat(subjectsTo("c-can")).containsExactly("We received your order o-can",
                "Your order o-can is confirmed", "Your order o-can is cancelled", "Your refund for order o-can");
        assertThat(mailsTo("c-can").get(2).text()).contains("changed my mind");
        assertThat(mailsTo("c-can").get(3).text()).contains("25.00 EUR");
        assertThat(sentRecords("o-can", 4, WAIT)).extracting(NotificationSent::getKind)
                .containsExactly("RECEIVED", "CONFIRMED", "CANCELLED", "REFUNDED");
    }

    @Test
    void stoppedMidWayAndStartedAgainNoEmailIsMissingAndNoneIsSentTwice() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String orderId = "o-restart-" + i;
            orders.add(orderId);
            customer("c-restart-" + i, "Customer " + i);
            requested(orderId, "c-restart-" + i);
            confirmed(orderId, "c-restart-" + i);
        }
        await().atMost(WAIT).until(() -> smtp.deliveries().stream().anyMatch(m -> m.subject().contains("o-restart-")));
        service.close(); // mid-way: some emails sent, some queued, some events not read yet
        for (String orderId : orders) {
            shipment(orderId, ShipmentStatus.SHIPPED);
            shipment(orderId, ShipmentStatus.OUT_FOR_DELIVERY);
            shipment(orderId, ShipmentStatus.DELIVERED);
        }
        service = startService();

        for (int i = 0; i < 10; i++) {
            String customerId = "c-restart-" + i;
            await().atMost(WAIT).until(() -> mailsTo(customerId).size() >= 4);
        }
        // Nothing more comes: every queued email is on notifications.sent, exactly once.
        for (String orderId : orders) {
            assertThat(sentRecords(orderId, 4, WAIT)).extracting(NotificationSent::getKind)
                    .containsExactly("RECEIVED", "CONFIRMED", "SHIPPED", "DELIVERED");
        }
        for (int i = 0; i < 10; i++) {
            assertThat(subjectsTo("c-restart-" + i)).containsExactly("We received your order o-restart-" + i,
                    "Your order o-restart-" + i + " is confirmed", "Your order o-restart-" + i + " has shipped",
                    "Your order o-restart-" + i + " was delivered");
        }
        assertThat(mailsTo("c-restart-3").get(2).text()).contains("ES000000000042");
    }

    @Test
    void smtpUnreachableForAWhileEveryEmailArrivesAfterItReturnsNoneTwice() throws Exception {
        for (int i = 0; i < 5; i++) {
            customer("c-outage-" + i, "Outage " + i);
        }
        requested("o-outage-warmup", "c-outage-0");
        await().atMost(WAIT).until(() -> mailsTo("c-outage-0").size() == 1);

        smtp.close(); // really down: connections are refused
        for (int i = 0; i < 5; i++) {
            requested("o-outage-" + i, "c-outage-" + i);
            confirmed("o-outage-" + i, "c-outage-" + i);
        }
        Thread.sleep(OUTAGE.toMillis());
        // While it is down nothing is claimed as sent.
        assertThat(sentRecords("o-outage-1", 1, Duration.ofSeconds(1))).isEmpty();
        smtp = SmtpServer.start(smtpPort);

        for (int i = 0; i < 5; i++) {
            String customerId = "c-outage-" + i;
            await().atMost(WAIT).until(() -> mailsTo(customerId).size() >= 2);
        }
        for (int i = 0; i < 5; i++) {
            String orderId = "o-outage-" + i;
            List<NotificationSent> sent = sentRecords(orderId, 2, WAIT);
            assertThat(sent).extracting(NotificationSent::getKind).containsExactly("RECEIVED", "CONFIRMED");
            assertThat(subjectsTo("c-outage-" + i)).containsExactly("We received your order " + orderId,
                    "Your order " + orderId + " is confirmed");
        }
        assertThat(sentRecords("o-outage-0", 2, WAIT).get(0).getAttempts()).isGreaterThan(1);
        Map<String, Long> perMessageId = smtp.deliveries().stream()
                .collect(Collectors.groupingBy(MailMessage::subject, Collectors.counting()));
        assertThat(perMessageId.values()).allMatch(count -> count == 1);
    }
}
