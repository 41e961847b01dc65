package com.eventshop.payments.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.contracts.events.PaymentRefunded;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.payments.domain.ScriptedProvider;
import com.eventshop.payments.streams.internal.PendingAuthorization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authorisations off the stream thread: provider calls held by the test until it lets them
 * answer, the way a slow provider holds them.
 */
class PaymentsUnderWayTest {

    private static final Instant T = Instant.parse("2025-01-01T12:00:00Z");

    /** Provider calls in the order they were started, run when the test says so. */
    private final List<Runnable> held = new ArrayList<>();
    private int rejectNext;
    private final Executor heldCalls = task -> {
        if (rejectNext > 0) {
            rejectNext--;
            throw new RejectedExecutionException("full");
        }
        held.add(task);
    };
    private final ScriptedProvider provider = new ScriptedProvider();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> validated;
    private TestInputTopic<String, SpecificRecord> confirmed;
    private TestOutputTopic<String, SpecificRecord> processed;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "payments-under-way-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        PaymentsTopologyConfig config = PaymentsTopologyConfig.defaults(provider)
                .withPersistentStores(false).withProviderCalls(heldCalls);
        driver = new TopologyTestDriver(PaymentsTopology.build(config), props, T);
        validated = driver.createInputTopic(Topics.ORDER_VALIDATED.name(), Serdes.String().serializer(),
                ContractSerde.forTopic(Topics.ORDER_VALIDATED).serializer());
        confirmed = driver.createInputTopic(Topics.ORDER_CONFIRMED.name(), Serdes.String().serializer(),
                ContractSerde.forTopic(Topics.ORDER_CONFIRMED).serializer());
        processed = driver.createOutputTopic(Topics.PAYMENT_PROCESSED.name(), Serdes.String().deserializer(),
                ContractSerde.forTopic(Topics.PAYMENT_PROCESSED).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void validate(String orderId) {
        validated.pipeInput(orderId, OrderValidated.newBuilder().setOrderId(orderId).setCustomerId("c-1")
                .setTotalCents(2_500).setCurrency("EUR").setValidatedAt(T).build());
    }

    private void cancel(String orderId) {
        confirmed.pipeInput(orderId, OrderCancelled.newBuilder().setOrderId(orderId).setCustomerId("c-1")
                .setPreviousState(OrderState.VALIDATED).setReason("changed my mind").setCancelledAt(T).build());
    }

    /** Lets the held call of one order answer (by position), then lets the answer check run. */
    private void answer(int position) {
        held.remove(position).run();
        driver.advanceWallClockTime(Duration.ofMillis(5));
    }

    private Map<String, PendingAuthorization> underWay() {
        KeyValueStore<String, PendingAuthorization> store =
                driver.getKeyValueStore(PaymentsTopology.PENDING_AUTHORIZATIONS_STORE);
        Map<String, PendingAuthorization> all = new LinkedHashMap<>();
        try (var it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, PendingAuthorization> entry = it.next();
                all.put(entry.key, entry.value);
            }
        }
        return all;
    }

    @Test
    void aSlowAuthorisationHoldsUpNoOtherOrder() {
        validate("o-1");
        validate("o-2");
        assertThat(processed.isEmpty()).isTrue();
        assertThat(underWay()).containsOnlyKeys("o-1", "o-2");
        assertThat(held).hasSize(2);

        answer(1); // o-2 answers first
        List<KeyValue<String, SpecificRecord>> first = processed.readKeyValuesToList();
        assertThat(first).extracting(kv -> kv.key).containsExactly("o-2");
        assertThat(((OrderPaymentProcessed) first.get(0).value).getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(underWay()).containsOnlyKeys("o-1");

        answer(0);
        assertThat(processed.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("o-1");
        assertThat(underWay()).isEmpty();
        assertThat(provider.authorizeCalls).hasValue(2);
    }

    @Test
    void aValidationRepeatedWhileUnderWayStartsNoSecondCall() {
        validate("o-1");
        validate("o-1");
        assertThat(held).hasSize(1);
        answer(0);
        assertThat(processed.readValuesToList()).hasSize(1);
        validate("o-1");
        assertThat(held).isEmpty();
        assertThat(processed.isEmpty()).isTrue();
        assertThat(provider.authorizeCalls).hasValue(1);
    }

    @Test
    void anOrderCancelledWhileItsAuthorisationIsUnderWayHasItsHoldVoidedOnceAnswered() {
        validate("o-1");
        cancel("o-1");
        cancel("o-1");
        assertThat(processed.isEmpty()).isTrue();
        assertThat(underWay().get("o-1").getCancelRequested()).isTrue();

        answer(0);
        List<SpecificRecord> events = processed.readValuesToList();
        assertThat(events).hasSize(2);
        OrderPaymentProcessed payment = (OrderPaymentProcessed) events.get(0);
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        PaymentRefunded refund = (PaymentRefunded) events.get(1);
        assertThat(refund.getPaymentId()).isEqualTo(payment.getPaymentId());
        assertThat(refund.getAmountCents()).isEqualTo(2_500);
        assertThat(refund.getVoided()).isTrue();
        assertThat(provider.voidCalls).hasValue(1);
        assertThat(underWay()).isEmpty();
    }

    @Test
    void anAuthorisationThatCouldNotStartIsAskedAgainOnTheNextCheck() {
        rejectNext = 2; // the call, and the immediate second try when the record is done
        validate("o-1");
        assertThat(held).isEmpty();
        assertThat(underWay()).containsOnlyKeys("o-1");

        driver.advanceWallClockTime(Duration.ofMillis(5));
        assertThat(held).hasSize(1);
        answer(0);
        assertThat(processed.readValuesToList()).hasSize(1);
        assertThat(underWay()).isEmpty();
        assertThat(provider.authorizeCalls).hasValue(1);
    }

    @Test
    void theAnswerCarriesATimestampAfterItsCause() {
        validate("o-1");
        answer(0);
        assertThat(processed.readRecordsToList().get(0).timestamp()).isGreaterThan(T.toEpochMilli());
    }
}
