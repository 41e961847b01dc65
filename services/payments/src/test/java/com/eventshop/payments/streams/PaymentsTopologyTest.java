package com.eventshop.payments.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.contracts.events.PaymentRefunded;
import com.eventshop.contracts.events.ShipmentUpdated;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.payments.domain.PaymentDesk;
import com.eventshop.payments.domain.RetryPolicy;
import com.eventshop.payments.domain.ScriptedProvider;
import com.eventshop.payments.streams.internal.PaymentRecord;
import com.eventshop.payments.streams.internal.PaymentRecordStatus;
import com.eventshop.payments.streams.internal.RefundRecordStatus;
import com.eventshop.platform.kafka.streams.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentsTopologyTest {

    private static final Instant T = Instant.parse("2025-01-01T12:00:00Z");

    private final ScriptedProvider provider = new ScriptedProvider();
    private final List<Long> sleeps = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> requested;
    private TestInputTopic<String, SpecificRecord> shipments;
    private TestInputTopic<String, SpecificRecord> validated;
    private TestInputTopic<String, SpecificRecord> confirmed;
    private TestInputTopic<String, byte[]> rawValidated;
    private TestOutputTopic<String, SpecificRecord> processed;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "payments-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        PaymentsTopologyConfig config = PaymentsTopologyConfig.defaults(provider)
                .withRetry(RetryPolicy.defaults(), d -> sleeps.add(d.toMillis()))
                .withPersistentStores(false);
        driver = new TopologyTestDriver(PaymentsTopology.build(config), props, T);
        requested = driver.createInputTopic(Topics.ORDER_REQUESTED.name(), Serdes.String().serializer(),
                ContractSerde.forTopic(Topics.ORDER_REQUESTED).serializer());
        shipments = driver.createInputTopic(Topics.SHIPMENT_EVENTS.name(), Serdes.String().serializer(),
                ContractSerde.forTopic(Topics.SHIPMENT_EVENTS).serializer());
        validated = driver.createInputTopic(Topics.ORDER_VALIDATED.name(), Serdes.String().serializer(),
                ContractSerde.forTopic(Topics.ORDER_VALIDATED).serializer());
        confirmed = driver.createInputTopic(Topics.ORDER_CONFIRMED.name(), Serdes.String().serializer(),
                ContractSerde.forTopic(Topics.ORDER_CONFIRMED).serializer());
        rawValidated = driver.createInputTopic(Topics.ORDER_VALIDATED.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        processed = driver.createOutputTopic(Topics.PAYMENT_PROCESSED.name(), Serdes.String().deserializer(),
                ContractSerde.forTopic(Topics.PAYMENT_PROCESSED).deserializer());
        deadLetters = driver.createOutputTopic("dlt.payments", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** Order flow v2: the authorisation is asked for on the request, beside the checks. */
    private void request(String orderId, String customerId, long cents) {
        requested.pipeInput(orderId, OrderRequested.newBuilder().setOrderId(orderId).setCustomerId(customerId)
                .setLines(List.of(OrderLine.newBuilder().setProductId("p-001").setQuantity(1)
                        .setUnitPriceCents(cents).build()))
                .setTotalCents(cents).setCurrency("EUR").setShippingAddress(address())
                .setRequestedAt(T).build());
    }

    /** The v1 flow authorised after validation; an order validated before the upgrade still is. */
    private void validate(String orderId, String customerId, long cents) {
        validated.pipeInput(orderId, OrderValidated.newBuilder().setOrderId(orderId).setCustomerId(customerId)
                .setTotalCents(cents).setCurrency("EUR").setValidatedAt(T).build());
    }

    private void ship(String orderId, ShipmentStatus status) {
        shipments.pipeInput(orderId, ShipmentUpdated.newBuilder().setOrderId(orderId).setShipmentId("s-" + orderId)
                .setStatus(status).setCarrier("SimPost").setTrackingNumber("TRK-" + orderId).setUpdatedAt(T).build());
    }

    private void reject(String orderId) {
        validated.pipeInput(orderId, OrderRejected.newBuilder().setOrderId(orderId).setCustomerId("c-1")
                .setReasons(List.of("OUT_OF_STOCK: p-001")).setRejectedAt(T).build());
    }

    private static Address address() {
        return Address.newBuilder().setName("A").setStreet("S").setCity("C").setPostalCode("1").setCountry("DE").build();
    }

    private void cancel(String orderId) {
        confirmed.pipeInput(orderId, OrderCancelled.newBuilder().setOrderId(orderId).setCustomerId("c-1")
                .setPreviousState(OrderState.PAID).setReason("changed my mind").setCancelledAt(T).build());
    }

    private KeyValueStore<String, PaymentRecord> store() {
        return driver.getKeyValueStore(PaymentsTopology.PAYMENTS_STORE);
    }

    private List<SpecificRecord> out() {
        return processed.readValuesToList();
    }

    @Test
    void aRequestedOrderIsAuthorisedBesideTheChecks() {
        request("o-1", "c-1", 12_345);
        List<TestRecord<String, SpecificRecord>> records = processed.readRecordsToList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("o-1");
        OrderPaymentProcessed payment = (OrderPaymentProcessed) records.get(0).value();
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(payment.getAmountCents()).isEqualTo(12_345);
        assertThat(payment.getCurrency()).isEqualTo("EUR");
        assertThat(payment.getPaymentId()).startsWith("pay_");
        PaymentRecord stored = store().get("o-1");
        assertThat(stored.getStatus()).isEqualTo(PaymentRecordStatus.AUTHORIZED);
        assertThat(stored.getPaymentId()).isEqualTo(payment.getPaymentId());
        assertThat(stored.getRefund()).isEqualTo(RefundRecordStatus.NONE);
    }

    @Test
    void overTheLimitIsDeclined() {
        request("o-1", "c-1", 1_000_001);
        OrderPaymentProcessed payment = (OrderPaymentProcessed) out().get(0);
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.getReason()).contains("limit");
    }

    @Test
    void aTestCardIsDeclined() {
        request("o-1", "test-card-declined", 100);
        assertThat(((OrderPaymentProcessed) out().get(0)).getStatus()).isEqualTo(PaymentStatus.DECLINED);
    }

    @Test
    void transientFailuresAreRetriedWithBackoff() {
        provider.failNext(2);
        request("o-1", "c-1", 100);
        assertThat(((OrderPaymentProcessed) out().get(0)).getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(provider.authorizeCalls).hasValue(3);
        assertThat(sleeps).containsExactly(20L, 40L);
    }

    @Test
    void aProviderThatStaysDownFailsThePayment() {
        provider.failNext(10);
        request("o-1", "c-1", 100);
        OrderPaymentProcessed payment = (OrderPaymentProcessed) out().get(0);
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.getReason()).contains("unavailable after 4 attempts");
        assertThat(provider.authorizeCalls).hasValue(4);
        assertThat(sleeps).containsExactly(20L, 40L, 80L);
        // the failure is final for this order: a repeat is not charged either
        request("o-1", "c-1", 100);
        assertThat(out()).isEmpty();
        assertThat(provider.authorizeCalls).hasValue(4);
    }

    @Test
    void aRedeliveredValidationIsNeverChargedTwice() {
        request("o-1", "c-1", 100);
        request("o-1", "c-1", 100);
        request("o-1", "c-1", 100);
        assertThat(out()).hasSize(1);
        assertThat(provider.authorizeCalls).hasValue(1);
        assertThat(provider.delegate.authorizations()).isEqualTo(1);
    }

    @Test
    void aReplayAfterACrashGetsTheProvidersFirstAnswer() {
        // the task called the provider, then died before its transaction committed
        var first = provider.delegate.authorize(PaymentDesk.authorizationKey("o-1"), "o-1", "c-1", 100, "EUR");
        request("o-1", "c-1", 100);
        assertThat(((OrderPaymentProcessed) out().get(0)).getPaymentId()).isEqualTo(first.paymentId());
        assertThat(provider.delegate.authorizations()).isEqualTo(1);
    }

    @Test
    void aCancelledAuthorisedOrderHasItsHoldVoidedExactlyOnce() {
        request("o-1", "c-1", 700);
        OrderPaymentProcessed payment = (OrderPaymentProcessed) out().get(0);
        cancel("o-1");
        cancel("o-1");
        List<TestRecord<String, SpecificRecord>> records = processed.readRecordsToList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("o-1");
        PaymentRefunded voided = (PaymentRefunded) records.get(0).value();
        assertThat(voided.getPaymentId()).isEqualTo(payment.getPaymentId());
        assertThat(voided.getAmountCents()).isEqualTo(700);
        assertThat(voided.getVoided()).isTrue();
        assertThat(voided.getRefundId()).startsWith("void_");
        assertThat(provider.voidCalls).hasValue(1);
        assertThat(provider.refundCalls).hasValue(0);
        assertThat(store().get("o-1").getRefund()).isEqualTo(RefundRecordStatus.VOIDED);
        // a late duplicate request (or a v1 validation) does not authorise again, and a hold voided is never captured
        request("o-1", "c-1", 700);
        validate("o-1", "c-1", 700);
        ship("o-1", ShipmentStatus.SHIPPED);
        assertThat(out()).isEmpty();
        assertThat(provider.authorizeCalls).hasValue(1);
        assertThat(provider.captureCalls).hasValue(0);
    }

    @Test
    void aRejectedOrderHasItsHoldVoidedExactlyOnce() {
        request("o-1", "c-1", 700);
        out();
        reject("o-1");
        reject("o-1");
        assertThat(out()).singleElement().isInstanceOfSatisfying(PaymentRefunded.class,
                voided -> assertThat(voided.getVoided()).isTrue());
        assertThat(provider.voidCalls).hasValue(1);
        assertThat(provider.delegate.voids()).isEqualTo(1);
    }

    @Test
    void aShippedOrderIsCapturedOnceAndACancelAfterThatIsRefunded() {
        request("o-1", "c-1", 900);
        out();
        ship("o-1", ShipmentStatus.PACKED);
        assertThat(out()).as("packed is not shipped").isEmpty();
        ship("o-1", ShipmentStatus.SHIPPED);
        ship("o-1", ShipmentStatus.OUT_FOR_DELIVERY);
        ship("o-1", ShipmentStatus.SHIPPED);
        assertThat(out()).singleElement().isInstanceOfSatisfying(OrderPaymentProcessed.class, captured -> {
            assertThat(captured.getStatus()).isEqualTo(PaymentStatus.CAPTURED);
            assertThat(captured.getAmountCents()).isEqualTo(900);
        });
        assertThat(provider.captureCalls).hasValue(1);
        assertThat(store().get("o-1").getCaptured()).isTrue();

        // Orders refuses a cancel once shipped; were one to come, the charge is refunded, not voided.
        cancel("o-1");
        assertThat(out()).singleElement().isInstanceOfSatisfying(PaymentRefunded.class,
                refund -> assertThat(refund.getVoided()).isFalse());
        assertThat(provider.delegate.refundedCents(store().get("o-1").getPaymentId())).isEqualTo(900);
    }

    @Test
    void anOrderValidatedBeforeTheUpgradeIsStillAuthorised() {
        validate("o-1", "c-1", 100);
        assertThat(((OrderPaymentProcessed) out().get(0)).getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
    }

    @Test
    void cancellingAnUnpaidOrderDoesNothing() {
        request("o-1", "c-1", 2_000_000); // declined
        out();
        cancel("o-1");
        assertThat(out()).isEmpty();
        assertThat(provider.refundCalls).hasValue(0);
        assertThat(store().get("o-1").getCancelled()).isTrue();
    }

    @Test
    void aCancellationBeforeValidationPreventsTheCharge() {
        cancel("o-1");
        request("o-1", "c-1", 100);
        assertThat(out()).isEmpty();
        assertThat(provider.authorizeCalls).hasValue(0);
        assertThat(store().get("o-1").getStatus()).isEqualTo(PaymentRecordStatus.NOT_CHARGED);
    }

    @Test
    void aRejectionBeforeTheRequestPreventsTheChargeAndConfirmationsNeedNothing() {
        reject("o-1");
        request("o-1", "c-1", 100);
        assertThat(store().get("o-1").getStatus()).isEqualTo(PaymentRecordStatus.NOT_CHARGED);
        confirmed.pipeInput("o-2", OrderConfirmed.newBuilder().setOrderId("o-2").setCustomerId("c-1")
                .setLines(List.of()).setTotalCents(1).setCurrency("EUR")
                .setShippingAddress(Address.newBuilder().setName("A").setStreet("S").setCity("C")
                        .setPostalCode("1").setCountry("DE").build())
                .setConfirmedAt(T).build());
        assertThat(out()).isEmpty();
        assertThat(store().get("o-2")).isNull();
        assertThat(provider.authorizeCalls).hasValue(0);
    }

    @Test
    void aRefundThatFailsIsRetriedOnSchedule() {
        request("o-1", "c-1", 100);
        out();
        provider.failNext(4);
        cancel("o-1");
        assertThat(out()).isEmpty();
        assertThat(store().get("o-1").getRefund()).isEqualTo(RefundRecordStatus.PENDING);

        driver.advanceWallClockTime(Duration.ofSeconds(31));
        List<SpecificRecord> later = out();
        assertThat(later).singleElement().isInstanceOf(PaymentRefunded.class);
        assertThat(store().get("o-1").getRefund()).isEqualTo(RefundRecordStatus.VOIDED);
        driver.advanceWallClockTime(Duration.ofSeconds(31));
        assertThat(out()).isEmpty();
        assertThat(provider.delegate.voids()).isEqualTo(1);
    }

    @Test
    void garbageGoesToTheDeadLetterTopic() {
        rawValidated.pipeInput("o-bad", new byte[] {(byte) 0xC3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 42});
        request("o-1", "c-1", 100);
        assertThat(deadLetters.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("o-bad");
            assertThat(new String(r.headers().lastHeader(DeadLetters.HEADER_MESSAGE).value(), StandardCharsets.UTF_8))
                    .contains("Unknown writer schema");
        });
        assertThat(out()).hasSize(1);
    }
}
