package com.eventshop.orders.streams;

import static com.eventshop.orders.OrderFixtures.T0;
import static com.eventshop.orders.OrderFixtures.cancel;
import static com.eventshop.orders.OrderFixtures.fraudFailed;
import static com.eventshop.orders.OrderFixtures.fraudPassed;
import static com.eventshop.orders.OrderFixtures.inventoryPassed;
import static com.eventshop.orders.OrderFixtures.inventoryShort;
import static com.eventshop.orders.OrderFixtures.payment;
import static com.eventshop.orders.OrderFixtures.refund;
import static com.eventshop.orders.OrderFixtures.requested;
import static com.eventshop.orders.OrderFixtures.shipment;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Order;
import com.eventshop.orders.domain.CheckKind;
import com.eventshop.orders.domain.IgnoreReason;
import com.eventshop.orders.domain.InMemoryIgnoredEventCounter;
import com.eventshop.orders.streams.internal.PendingChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrdersTopologyTest {

    private static final String ID = "o-1";

    @TempDir
    Path stateDir;

    private final InMemoryIgnoredEventCounter ignored = new InMemoryIgnoredEventCounter();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> requests;
    private TestInputTopic<String, SpecificRecord> inventory;
    private TestInputTopic<String, SpecificRecord> fraud;
    private TestInputTopic<String, SpecificRecord> payments;
    private TestInputTopic<String, SpecificRecord> shipments;
    private TestInputTopic<String, SpecificRecord> commands;
    private TestOutputTopic<String, SpecificRecord> validated;
    private TestOutputTopic<String, SpecificRecord> confirmed;
    private TestOutputTopic<String, SpecificRecord> views;

    /** The v1 path (validated, then paid) that orders keeps for orders in flight across the upgrade. */
    private static final OrdersTopologyConfig V1 = OrdersTopologyConfig.defaults()
            .withRequiredChecks(EnumSet.of(CheckKind.INVENTORY, CheckKind.FRAUD));

    private void start(OrdersTopologyConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "orders-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(OrdersTopology.build(config.withIgnoredEvents(ignored)), props, T0);
        requests = input(Topics.ORDER_REQUESTED);
        inventory = input(Topics.INVENTORY_CHECKS);
        fraud = input(Topics.FRAUD_CHECKS);
        payments = input(Topics.PAYMENT_PROCESSED);
        shipments = input(Topics.SHIPMENT_EVENTS);
        commands = input(Topics.ORDER_COMMANDS);
        validated = output(Topics.ORDER_VALIDATED);
        confirmed = output(Topics.ORDER_CONFIRMED);
        views = output(Topics.ORDERS_VIEW);
    }

    private void start() {
        start(V1);
    }

    private TestInputTopic<String, SpecificRecord> input(TopicSpec topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(),
                ContractSerde.forTopic(topic).serializer(), T0, Duration.ofMillis(10));
    }

    private TestOutputTopic<String, SpecificRecord> output(TopicSpec topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(),
                ContractSerde.forTopic(topic).deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private KeyValueStore<String, Order> viewStore() {
        return driver.getKeyValueStore(OrdersTopology.ORDERS_VIEW_STORE);
    }

    private KeyValueStore<String, PendingChecks> checksStore() {
        return driver.getKeyValueStore(OrdersTopology.ORDER_CHECKS_STORE);
    }

    private static long count(KeyValueStore<String, ?> store) {
        long n = 0;
        try (KeyValueIterator<String, ?> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }

    private Order view(String orderId) {
        return viewStore().get(orderId);
    }

    private List<Order> viewChanges() {
        List<Order> changes = new ArrayList<>();
        views.readValuesToList().forEach(v -> changes.add((Order) v));
        return changes;
    }

    private void validate(String orderId) {
        requests.pipeInput(orderId, requested(orderId, "c-1"));
        inventory.pipeInput(orderId, inventoryPassed(orderId));
        fraud.pipeInput(orderId, fraudPassed(orderId));
    }

    private void confirm(String orderId) {
        validate(orderId);
        payments.pipeInput(orderId, payment(orderId, PaymentStatus.AUTHORIZED));
    }

    @Test
    void happyPathToConfirmed() {
        start();

        confirm(ID);

        List<KeyValue<String, SpecificRecord>> decisions = validated.readKeyValuesToList();
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).key).isEqualTo(ID);
        OrderValidated ok = (OrderValidated) decisions.get(0).value;
        assertThat(ok.getTotalCents()).isEqualTo(3097);
        assertThat(ok.getCustomerId()).isEqualTo("c-1");

        List<KeyValue<String, SpecificRecord>> confirmations = confirmed.readKeyValuesToList();
        assertThat(confirmations).hasSize(1);
        OrderConfirmed done = (OrderConfirmed) confirmations.get(0).value;
        assertThat(done.getLines()).hasSize(2);
        assertThat(done.getTotalCents()).isEqualTo(3097);
        assertThat(done.getShippingAddress().getCountry()).isEqualTo("GB");

        List<Order> changes = viewChanges();
        assertThat(changes).extracting(Order::getState).containsExactly(
                OrderState.CREATED, OrderState.VALIDATED, OrderState.PAID, OrderState.CONFIRMED);
        assertThat(changes).extracting(Order::getVersion).containsExactly(1L, 2L, 3L, 4L);
        assertThat(changes.get(2).getPaymentId()).isEqualTo("pay-o-1");

        Order stored = view(ID);
        assertThat(stored.getState()).isEqualTo(OrderState.CONFIRMED);
        assertThat(stored.getVersion()).isEqualTo(4);
        assertThat(stored.getRequestHash()).isEqualTo("hash-o-1");
        assertThat(stored.getUpdatedAt()).isEqualTo(T0);
        assertThat(count(checksStore())).isZero();
        assertThat(ignored.total()).isZero();
    }

    @Test
    void v2AnOrderIsConfirmedByTheLastOfItsChecksAndItsPaymentInOneViewVersion() {
        start(OrdersTopologyConfig.defaults());

        requests.pipeInput(ID, requested(ID, "c-1"));
        payments.pipeInput(ID, payment(ID, PaymentStatus.AUTHORIZED)); // in parallel, any order
        inventory.pipeInput(ID, inventoryPassed(ID));
        assertThat(view(ID).getState()).isEqualTo(OrderState.CREATED);
        fraud.pipeInput(ID, fraudPassed(ID));

        assertThat(validated.isEmpty()).as("no OrderValidated on the v2 path").isTrue();
        OrderConfirmed done = (OrderConfirmed) confirmed.readValue();
        assertThat(done.getTotalCents()).isEqualTo(3097);
        List<Order> changes = viewChanges();
        assertThat(changes).extracting(Order::getState).containsExactly(OrderState.CREATED, OrderState.CONFIRMED);
        assertThat(changes.get(1).getPaymentId()).isEqualTo("pay-o-1");
        assertThat(changes.get(1).getVersion()).isEqualTo(2L);
        assertThat(count(checksStore())).isZero();
        assertThat(ignored.total()).isZero();
    }

    @Test
    void v2ADeclinedPaymentRejectsTheOrderOnceAndAsksInventoryToRelease() {
        start(OrdersTopologyConfig.defaults());

        requests.pipeInput(ID, requested(ID, "c-1"));
        inventory.pipeInput(ID, inventoryPassed(ID));
        fraud.pipeInput(ID, fraudPassed(ID));
        payments.pipeInput(ID, payment(ID, PaymentStatus.DECLINED));
        payments.pipeInput(ID, payment(ID, PaymentStatus.DECLINED)); // a duplicate changes nothing

        List<KeyValue<String, SpecificRecord>> decisions = validated.readKeyValuesToList();
        assertThat(decisions).hasSize(1);
        OrderRejected rejected = (OrderRejected) decisions.get(0).value;
        assertThat(rejected.getReasons()).singleElement().asString().startsWith("PAYMENT_DECLINED: ");
        assertThat(rejected.getInventoryReserved()).isTrue();
        assertThat(view(ID).getState()).isEqualTo(OrderState.PAYMENT_FAILED);
        assertThat(confirmed.isEmpty()).isTrue();
    }

    @Test
    void v2AFailedCheckWithAnAuthorisedPaymentIsRejectedSoPaymentsVoidsTheHold() {
        start(OrdersTopologyConfig.defaults());

        requests.pipeInput(ID, requested(ID, "c-1"));
        payments.pipeInput(ID, payment(ID, PaymentStatus.AUTHORIZED));
        inventory.pipeInput(ID, inventoryShort(ID));
        fraud.pipeInput(ID, fraudPassed(ID));

        OrderRejected rejected = (OrderRejected) validated.readValue();
        assertThat(rejected.getInventoryReserved()).isFalse();
        assertThat(view(ID).getState()).isEqualTo(OrderState.REJECTED);
        assertThat(view(ID).getPaymentId()).isEqualTo("pay-o-1");
        assertThat(validated.isEmpty()).isTrue();
    }

    @Test
    void v2AMissingPaymentIsWaitedForLongerThanTheChecksThenTimesOut() {
        start(OrdersTopologyConfig.defaults().withPaymentTimeout(Duration.ofSeconds(30)));

        requests.pipeInput(ID, requested(ID, "c-1"));
        inventory.pipeInput(ID, inventoryPassed(ID));
        fraud.pipeInput(ID, fraudPassed(ID));
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        assertThat(validated.isEmpty()).as("the checks are in: the payment gets its own, longer time").isTrue();
        assertThat(view(ID).getState()).isEqualTo(OrderState.CREATED);
        driver.advanceWallClockTime(Duration.ofSeconds(20));

        OrderRejected rejected = (OrderRejected) validated.readValue();
        assertThat(rejected.getReasons()).containsExactly("CHECK_TIMEOUT: PAYMENT");
        assertThat(view(ID).getState()).isEqualTo(OrderState.REJECTED);
    }

    @Test
    void v2AMissingCheckIsNotWaitedForLongerBecauseOfThePayment() {
        start(OrdersTopologyConfig.defaults());

        requests.pipeInput(ID, requested(ID, "c-1"));
        inventory.pipeInput(ID, inventoryPassed(ID));
        driver.advanceWallClockTime(Duration.ofSeconds(11));

        OrderRejected rejected = (OrderRejected) validated.readValue();
        assertThat(rejected.getReasons()).containsExactly("CHECK_TIMEOUT: FRAUD", "CHECK_TIMEOUT: PAYMENT");
    }

    @Test
    void rejectionCarriesEveryReason() {
        start();

        requests.pipeInput(ID, requested(ID, "c-1"));
        inventory.pipeInput(ID, inventoryShort(ID));
        fraud.pipeInput(ID, fraudFailed(ID, "VELOCITY: 6 orders in 1 minute"));

        OrderRejected rejected = (OrderRejected) validated.readValue();
        assertThat(rejected.getReasons()).containsExactly(
                "OUT_OF_STOCK: p-001 (requested 2, available 1)",
                "UNKNOWN_PRODUCT: p-999",
                "FRAUD: VELOCITY: 6 orders in 1 minute");
        assertThat(rejected.getInventoryReserved()).isFalse();
        assertThat(validated.isEmpty()).isTrue();
        assertThat(confirmed.isEmpty()).isTrue();

        Order order = view(ID);
        assertThat(order.getState()).isEqualTo(OrderState.REJECTED);
        assertThat(order.getReasons()).containsExactlyElementsOf(rejected.getReasons());
        assertThat(viewChanges()).extracting(Order::getVersion).containsExactly(1L, 2L);
        assertThat(count(checksStore())).isZero();

        // Whatever comes later for a rejected order is ignored.
        payments.pipeInput(ID, payment(ID, PaymentStatus.AUTHORIZED));
        fraud.pipeInput(ID, fraudPassed(ID));
        assertThat(views.isEmpty()).isTrue();
        assertThat(ignored.count(IgnoreReason.PAYMENT_NOT_EXPECTED)).isEqualTo(1);
        assertThat(ignored.count(IgnoreReason.LATE_CHECK)).isEqualTo(1);
    }

    @Test
    void missingChecksRejectTheOrderWhenTheWallClockPassesTheDeadline() {
        start();

        requests.pipeInput(ID, requested(ID, "c-1"));
        inventory.pipeInput(ID, inventoryPassed(ID));
        requests.pipeInput("o-2", requested("o-2", "c-2"));
        viewChanges();

        driver.advanceWallClockTime(Duration.ofSeconds(9));
        assertThat(validated.isEmpty()).isTrue();
        assertThat(view(ID).getState()).isEqualTo(OrderState.CREATED);

        driver.advanceWallClockTime(Duration.ofSeconds(1));

        Map<String, SpecificRecord> decisions = validated.readKeyValuesToMap();
        OrderRejected first = (OrderRejected) decisions.get(ID);
        assertThat(first.getReasons()).containsExactly("CHECK_TIMEOUT: FRAUD");
        assertThat(first.getInventoryReserved()).isTrue();
        assertThat(first.getRejectedAt()).isEqualTo(T0.plusSeconds(10));
        OrderRejected second = (OrderRejected) decisions.get("o-2");
        assertThat(second.getReasons()).containsExactly("CHECK_TIMEOUT: INVENTORY", "CHECK_TIMEOUT: FRAUD");
        assertThat(second.getInventoryReserved()).isFalse();

        Order order = view(ID);
        assertThat(order.getState()).isEqualTo(OrderState.REJECTED);
        assertThat(order.getVersion()).isEqualTo(2);
        assertThat(order.getUpdatedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(viewChanges()).extracting(Order::getState)
                .containsExactly(OrderState.REJECTED, OrderState.REJECTED);
        assertThat(count(checksStore())).isZero();

        // The check that finally arrives is too late.
        fraud.pipeInput(ID, fraudPassed(ID));
        assertThat(validated.isEmpty()).isTrue();
        assertThat(ignored.count(IgnoreReason.LATE_CHECK)).isEqualTo(1);
    }

    @Test
    void theTimeoutAndTheRequiredChecksAreConfigurable() {
        start(V1
                .withRequiredChecks(EnumSet.of(CheckKind.FRAUD))
                .withValidationTimeout(Duration.ofSeconds(3))
                .withPunctuateInterval(Duration.ofMillis(500)));

        requests.pipeInput(ID, requested(ID, "c-1"));
        inventory.pipeInput(ID, inventoryShort(ID)); // not waited for
        driver.advanceWallClockTime(Duration.ofMillis(2_500));
        assertThat(validated.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofMillis(500));

        OrderRejected rejected = (OrderRejected) validated.readValue();
        assertThat(rejected.getReasons()).containsExactly("CHECK_TIMEOUT: FRAUD");
        assertThat(ignored.count(IgnoreReason.CHECK_NOT_REQUIRED)).isEqualTo(1);

        requests.pipeInput("o-2", requested("o-2", "c-1"));
        fraud.pipeInput("o-2", fraudPassed("o-2"));
        assertThat(validated.readValue()).isInstanceOf(OrderValidated.class);
    }

    @Test
    void onlyOverdueValidationsAreRejected() {
        start();
        requests.pipeInput("early", requested("early", "c-1"));
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        requests.pipeInput("late", requested("late", "c-1"));
        driver.advanceWallClockTime(Duration.ofSeconds(5));

        Map<String, SpecificRecord> decisions = validated.readKeyValuesToMap();
        assertThat(decisions).containsOnlyKeys("early");
        assertThat(checksStore().get("late")).isNotNull(); // still pending, not overdue
        assertThat(count(checksStore())).isEqualTo(1);
        assertThat(view("late").getState()).isEqualTo(OrderState.CREATED);

        inventory.pipeInput("late", inventoryPassed("late"));
        fraud.pipeInput("late", fraudPassed("late"));
        assertThat(validated.readValue()).isInstanceOf(OrderValidated.class);
        assertThat(count(checksStore())).isZero();
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        assertThat(validated.isEmpty()).isTrue();
    }

    @Test
    void checksThatOvertakeTheirOrderAreKeptUntilItArrives() {
        start();

        fraud.pipeInput(ID, fraudPassed(ID));
        inventory.pipeInput(ID, inventoryPassed(ID));
        assertThat(views.isEmpty()).isTrue();
        assertThat(count(checksStore())).isEqualTo(1);

        requests.pipeInput(ID, requested(ID, "c-1"));

        assertThat(validated.readValue()).isInstanceOf(OrderValidated.class);
        assertThat(viewChanges()).extracting(Order::getState)
                .containsExactly(OrderState.CREATED, OrderState.VALIDATED);
        assertThat(count(checksStore())).isZero();

        // A check for an order that never comes is dropped (and counted) at its deadline.
        fraud.pipeInput("ghost", fraudPassed("ghost"));
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(count(checksStore())).isZero();
        assertThat(ignored.count(IgnoreReason.UNKNOWN_ORDER)).isEqualTo(1);
        assertThat(validated.isEmpty()).isTrue();
    }

    @Test
    void anOrderThatArrivesAfterItsFirstCheckGetsAFullTimeoutFromItsArrival() {
        start();
        fraud.pipeInput(ID, fraudPassed(ID)); // waits for its order until T0 + 10 s
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        requests.pipeInput(ID, requested(ID, "c-1")); // validation now runs until T0 + 16 s

        driver.advanceWallClockTime(Duration.ofSeconds(5)); // T0 + 11 s: the first deadline passed
        assertThat(validated.isEmpty()).isTrue();
        assertThat(view(ID).getState()).isEqualTo(OrderState.CREATED);

        driver.advanceWallClockTime(Duration.ofSeconds(5)); // T0 + 16 s
        OrderRejected rejected = (OrderRejected) validated.readValue();
        assertThat(rejected.getReasons()).containsExactly("CHECK_TIMEOUT: INVENTORY");
        assertThat(validated.isEmpty()).as("rejected once").isTrue();
        assertThat(count(checksStore())).isZero();
    }

    @Test
    void manyPendingValidationsAreEachRejectedOnceAtTheirOwnDeadline() {
        start();
        for (int i = 0; i < 50; i++) {
            requests.pipeInput("o-" + i, requested("o-" + i, "c-" + i));
            driver.advanceWallClockTime(Duration.ofMillis(100));
        }
        // order i is due at T0 + 10 s + i * 100 ms: none at T0 + 9.9 s, o-0..o-25 at T0 + 12.5 s
        driver.advanceWallClockTime(Duration.ofMillis(4_900));
        assertThat(validated.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofMillis(2_600));
        Map<String, SpecificRecord> first = validated.readKeyValuesToMap();
        assertThat(first).containsOnlyKeys(IntStream.range(0, 26).mapToObj(i -> "o-" + i)
                .toArray(String[]::new));
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        List<String> rest = validated.readKeyValuesToList().stream().map(kv -> kv.key).toList();
        assertThat(rest).hasSize(24).doesNotHaveDuplicates().doesNotContainAnyElementsOf(first.keySet());
        assertThat(count(checksStore())).isZero();
    }

    @Test
    void duplicateAndOutOfOrderEventsAreIgnoredAndCounted() {
        start();

        requests.pipeInput(ID, requested(ID, "c-1"));
        requests.pipeInput(ID, requested(ID, "c-1"));                   // duplicate request
        payments.pipeInput(ID, payment(ID, PaymentStatus.AUTHORIZED));  // before validation
        inventory.pipeInput(ID, inventoryPassed(ID));
        inventory.pipeInput(ID, inventoryShort(ID));                    // second inventory check
        fraud.pipeInput(ID, fraudPassed(ID));
        fraud.pipeInput(ID, fraudPassed(ID));                           // after the decision
        payments.pipeInput(ID, payment(ID, PaymentStatus.AUTHORIZED));
        payments.pipeInput(ID, payment(ID, PaymentStatus.AUTHORIZED));  // redelivered payment
        shipments.pipeInput(ID, shipment(ID, ShipmentStatus.SHIPPED));
        shipments.pipeInput(ID, shipment(ID, ShipmentStatus.PACKED));   // backwards
        shipments.pipeInput(ID, shipment(ID, ShipmentStatus.SHIPPED));  // again
        shipments.pipeInput("nobody", shipment("nobody", ShipmentStatus.SHIPPED));
        inventory.pipeInput("wrong-key", inventoryPassed(ID));          // key is not the orderId

        assertThat(validated.readValuesToList()).hasSize(1);
        assertThat(confirmed.readValuesToList()).hasSize(1);
        assertThat(viewChanges()).extracting(Order::getState).containsExactly(
                OrderState.CREATED, OrderState.VALIDATED, OrderState.PAID, OrderState.CONFIRMED,
                OrderState.SHIPPED);
        assertThat(view(ID).getVersion()).isEqualTo(5);

        assertThat(ignored.snapshot()).containsExactlyInAnyOrderEntriesOf(Map.of(
                IgnoreReason.DUPLICATE_ORDER_REQUEST, 1L,
                IgnoreReason.PAYMENT_NOT_EXPECTED, 2L,
                IgnoreReason.DUPLICATE_CHECK, 1L,
                IgnoreReason.LATE_CHECK, 1L,
                IgnoreReason.SHIPMENT_OUT_OF_ORDER, 1L,
                IgnoreReason.DUPLICATE_SHIPMENT_UPDATE, 1L,
                IgnoreReason.UNKNOWN_ORDER, 1L,
                IgnoreReason.KEY_MISMATCH, 1L));
    }

    @Test
    void cancelIsAllowedUntilShipped() {
        start();
        confirm(ID);
        viewChanges();

        commands.pipeInput(ID, cancel(ID, "changed my mind"));

        OrderCancelled cancelled = (OrderCancelled) confirmed.readValuesToList().get(1);
        assertThat(cancelled.getPreviousState()).isEqualTo(OrderState.CONFIRMED);
        assertThat(cancelled.getReason()).isEqualTo("changed my mind");
        assertThat(cancelled.getCancelledAt()).isEqualTo(T0);
        Order order = view(ID);
        assertThat(order.getState()).isEqualTo(OrderState.CANCELLED);
        assertThat(order.getVersion()).isEqualTo(5);

        // The refund that follows is noted; the order stays cancelled.
        payments.pipeInput(ID, refund(ID));
        Order refunded = view(ID);
        assertThat(refunded.getState()).isEqualTo(OrderState.CANCELLED);
        assertThat(refunded.getReasons()).containsExactly(
                "CANCELLED: changed my mind", "REFUNDED: ref-o-1 (3097 EUR of payment pay-o-1)");
        assertThat(viewChanges()).extracting(Order::getVersion).containsExactly(5L, 6L);
    }

    @Test
    void cancelWhileChecksArePendingStopsTheValidation() {
        start();
        requests.pipeInput(ID, requested(ID, "c-1"));

        commands.pipeInput(ID, cancel(ID, "oops"));

        assertThat(((OrderCancelled) confirmed.readValue()).getPreviousState()).isEqualTo(OrderState.CREATED);
        assertThat(count(checksStore())).isZero();
        inventory.pipeInput(ID, inventoryPassed(ID));
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(validated.isEmpty()).isTrue();
        assertThat(view(ID).getState()).isEqualTo(OrderState.CANCELLED);
        assertThat(ignored.count(IgnoreReason.LATE_CHECK)).isEqualTo(1);
    }

    @Test
    void cancelIsRefusedOnceShipped() {
        start();
        confirm(ID);
        shipments.pipeInput(ID, shipment(ID, ShipmentStatus.PACKED));
        shipments.pipeInput(ID, shipment(ID, ShipmentStatus.SHIPPED));
        confirmed.readValuesToList();
        viewChanges();

        commands.pipeInput(ID, cancel(ID, "too late"));

        assertThat(confirmed.isEmpty()).isTrue();
        assertThat(views.isEmpty()).isTrue();
        assertThat(view(ID).getState()).isEqualTo(OrderState.SHIPPED);
        assertThat(ignored.count(IgnoreReason.CANCEL_NOT_ALLOWED)).isEqualTo(1);
    }

    @Test
    void aDeclinedPaymentFailsTheOrder() {
        start();
        validate(ID);
        viewChanges();

        payments.pipeInput(ID, payment(ID, PaymentStatus.DECLINED));

        Order order = view(ID);
        assertThat(order.getState()).isEqualTo(OrderState.PAYMENT_FAILED);
        assertThat(order.getReasons()).containsExactly("PAYMENT_DECLINED: card declined");
        assertThat(order.getPaymentId()).isEqualTo("pay-o-1");
        assertThat(viewChanges()).extracting(Order::getVersion).containsExactly(3L);
        assertThat(confirmed.isEmpty()).isTrue();

        commands.pipeInput(ID, cancel(ID, "whatever"));
        assertThat(confirmed.isEmpty()).isTrue();
        assertThat(ignored.count(IgnoreReason.CANCEL_NOT_ALLOWED)).isEqualTo(1);
    }

    @Test
    void shipmentsMoveTheViewForward() {
        start();
        confirm(ID);
        viewChanges();

        shipments.pipeInput(ID, shipment(ID, ShipmentStatus.PACKED));
        shipments.pipeInput(ID, shipment(ID, ShipmentStatus.SHIPPED));
        shipments.pipeInput(ID, shipment(ID, ShipmentStatus.OUT_FOR_DELIVERY));
        shipments.pipeInput(ID, shipment(ID, ShipmentStatus.DELIVERED));

        List<Order> changes = viewChanges();
        assertThat(changes).extracting(Order::getState).containsExactly(OrderState.PACKED,
                OrderState.SHIPPED, OrderState.OUT_FOR_DELIVERY, OrderState.DELIVERED);
        assertThat(changes).extracting(Order::getVersion).containsExactly(5L, 6L, 7L, 8L);
        assertThat(changes).extracting(Order::getTrackingNumber).containsOnly("TRK-o-1");
        assertThat(view(ID).getState()).isEqualTo(OrderState.DELIVERED);
    }

    @Test
    void aCustomersOrdersAreIndexedNewestFirst() {
        start();
        requests.pipeInput("a", requested("a", "c-1"));
        var newer = requested("b", "c-1");
        newer.setRequestedAt(T0.plusSeconds(60));
        requests.pipeInput("b", newer);
        requests.pipeInput("x", requested("x", "c-10"));

        KeyValueStore<String, String> index = driver.getKeyValueStore(OrdersTopology.ORDERS_BY_CUSTOMER_STORE);
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, String> it = index.prefixScan(
                OrdersTopology.customerIndexPrefix("c-1"), new StringSerializer())) {
            it.forEachRemaining(kv -> ids.add(kv.value));
        }
        assertThat(ids).containsExactly("b", "a");
    }

    @Test
    void theCustomerIndexKeyIsZeroPaddedSoThatNewerSortsFirst() {
        assertThat(OrdersTopology.customerIndexKey("c-1", Instant.ofEpochMilli(0), "o-1"))
                .isEqualTo("c-1\u00009223372036854775807\u0000o-1");
        // a far-future instant leaves a short number, padded to 19 digits
        assertThat(OrdersTopology.customerIndexKey("c-1", Instant.ofEpochMilli(9_223_372_036_854_775_000L), "o-2"))
                .isEqualTo("c-1\u00000000000000000000807\u0000o-2");
        assertThat(OrdersTopology.customerIndexKey("c-1", T0.plusSeconds(1), "o-3"))
                .isLessThan(OrdersTopology.customerIndexKey("c-1", T0, "o-4"));
    }
}
