package com.eventshop.orders.domain;

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
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.contracts.tables.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderStateMachineTest {

    private static final String ID = "o-1";
    private static final Instant NOW = T0.plusSeconds(1);

    private final OrderStateMachine machine = new OrderStateMachine(new ValidationAggregator(EnumSet.of(CheckKind.INVENTORY, CheckKind.FRAUD), Duration.ofSeconds(10)));

    /** Running state of one order as a processor would keep it. */
    private final class Run {
        Order order;
        PendingValidation pending;

        Outcome feed(SpecificRecord event, Instant now) {
            return keep(machine.apply(order, pending, event, now));
        }

        Outcome feed(SpecificRecord event) {
            return feed(event, NOW);
        }

        Outcome timeout(Instant now) {
            return keep(machine.onValidationTimeout(order, pending, now));
        }

        private Outcome keep(Outcome outcome) {
            if (outcome instanceof Outcome.Applied applied && applied.view() != null) {
                order = applied.view();
            }
            PendingUpdate update = outcome.pending();
            if (update instanceof PendingUpdate.Save save) {
                pending = save.pending();
            } else if (update instanceof PendingUpdate.Clear) {
                pending = null;
            }
            return outcome;
        }
    }

    private Run runTo(OrderState state) {
        Run run = new Run();
        run.feed(requested(ID, "c-1"));
        if (state == OrderState.CREATED) {
            return run;
        }
        run.feed(inventoryPassed(ID));
        run.feed(fraudPassed(ID));
        if (state == OrderState.VALIDATED) {
            return run;
        }
        if (state == OrderState.PAID) {
            // PAID is passed through within one event; build it to test from there.
            run.order = OrderStateMachine.copyOf(run.order).setState(OrderState.PAID).build();
            return run;
        }
        run.feed(payment(ID, PaymentStatus.AUTHORIZED));
        if (state == OrderState.CONFIRMED) {
            return run;
        }
        for (ShipmentStatus status : List.of(ShipmentStatus.PACKED, ShipmentStatus.SHIPPED,
                ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.DELIVERED)) {
            run.feed(shipment(ID, status));
            if (run.order.getState().name().equals(state.name())) {
                return run;
            }
        }
        throw new IllegalArgumentException("cannot reach " + state);
    }

    private static Outcome.Applied applied(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return (Outcome.Applied) outcome;
    }

    private static void assertIgnored(Outcome outcome, IgnoreReason reason) {
        assertThat(outcome).isInstanceOf(Outcome.Ignored.class);
        assertThat(((Outcome.Ignored) outcome).reason()).isEqualTo(reason);
    }

    @Nested
    class Placing {

        @Test
        void aNewOrderIsCreatedAndWaitsForItsChecks() {
            Run run = new Run();
            Outcome.Applied created = applied(run.feed(requested(ID, "c-1")));

            assertThat(created.views()).hasSize(1);
            Order order = created.view();
            assertThat(order.getState()).isEqualTo(OrderState.CREATED);
            assertThat(order.getVersion()).isEqualTo(1);
            assertThat(order.getRequestHash()).isEqualTo("hash-o-1");
            assertThat(order.getTotalCents()).isEqualTo(3097);
            assertThat(order.getLines()).hasSize(2);
            assertThat(order.getCreatedAt()).isEqualTo(T0);
            assertThat(order.getUpdatedAt()).isEqualTo(NOW);
            assertThat(order.getReasons()).isEmpty();
            assertThat(created.events()).isEmpty();
            assertThat(created.pending()).isInstanceOf(PendingUpdate.Save.class);
            assertThat(run.pending.deadline()).isEqualTo(NOW.plusSeconds(10));
        }

        @Test
        void aSecondRequestForTheSameOrderIsADuplicate() {
            Run run = runTo(OrderState.CREATED);

            assertIgnored(run.feed(requested(ID, "c-1")), IgnoreReason.DUPLICATE_ORDER_REQUEST);
            assertThat(run.order.getVersion()).isEqualTo(1);
        }

        @Test
        void withoutRequiredChecksAnOrderIsValidatedAtOnce() {
            OrderStateMachine noChecks = new OrderStateMachine(
                    new ValidationAggregator(EnumSet.noneOf(CheckKind.class), Duration.ofSeconds(10)));

            Outcome.Applied outcome = applied(noChecks.apply(null, null, requested(ID, "c-1"), NOW));

            assertThat(outcome.views()).extracting(Order::getState)
                    .containsExactly(OrderState.CREATED, OrderState.VALIDATED);
            assertThat(outcome.views()).extracting(Order::getVersion).containsExactly(1L, 2L);
            assertThat(outcome.events()).singleElement().isInstanceOf(OrderValidated.class);
            assertThat(outcome.pending()).isInstanceOf(PendingUpdate.Clear.class);
        }
    }

    @Nested
    class Validation {

        @Test
        void allChecksPassedValidates() {
            Run run = runTo(OrderState.CREATED);

            Outcome.Applied first = applied(run.feed(inventoryPassed(ID)));
            assertThat(first.views()).isEmpty();
            assertThat(first.events()).isEmpty();
            assertThat(run.pending.has(CheckKind.INVENTORY)).isTrue();

            Outcome.Applied second = applied(run.feed(fraudPassed(ID), NOW.plusSeconds(1)));
            assertThat(second.view().getState()).isEqualTo(OrderState.VALIDATED);
            assertThat(second.view().getVersion()).isEqualTo(2);
            assertThat(second.view().getUpdatedAt()).isEqualTo(NOW.plusSeconds(1));
            OrderValidated validated = (OrderValidated) second.events().get(0);
            assertThat(validated.getTotalCents()).isEqualTo(3097);
            assertThat(validated.getCurrency()).isEqualTo("EUR");
            assertThat(validated.getValidatedAt()).isEqualTo(NOW.plusSeconds(1));
            assertThat(second.pending()).isInstanceOf(PendingUpdate.Clear.class);
        }

        @Test
        void anyFailedCheckRejectsWithEveryReason() {
            Run run = runTo(OrderState.CREATED);
            run.feed(fraudFailed(ID, "VELOCITY"));
            Outcome.Applied outcome = applied(run.feed(inventoryShort(ID)));

            assertThat(outcome.view().getState()).isEqualTo(OrderState.REJECTED);
            List<String> reasons = List.of("OUT_OF_STOCK: p-001 (requested 2, available 1)",
                    "UNKNOWN_PRODUCT: p-999", "FRAUD: VELOCITY");
            assertThat(outcome.view().getReasons()).containsExactlyElementsOf(reasons);
            OrderRejected rejected = (OrderRejected) outcome.events().get(0);
            assertThat(rejected.getReasons()).containsExactlyElementsOf(reasons);
            assertThat(rejected.getInventoryReserved()).isFalse();
            assertThat(rejected.getCustomerId()).isEqualTo("c-1");
        }

        @Test
        void aRejectionAfterReservedStockSaysSo() {
            Run run = runTo(OrderState.CREATED);
            run.feed(inventoryPassed(ID));
            Outcome.Applied outcome = applied(run.feed(fraudFailed(ID, "BLOCKED_CUSTOMER")));

            OrderRejected rejected = (OrderRejected) outcome.events().get(0);
            assertThat(rejected.getReasons()).containsExactly("FRAUD: BLOCKED_CUSTOMER");
            assertThat(rejected.getInventoryReserved()).isTrue();
        }

        @Test
        void aSecondCheckOfTheSameKindIsIgnored() {
            Run run = runTo(OrderState.CREATED);
            run.feed(inventoryPassed(ID));

            assertIgnored(run.feed(inventoryShort(ID)), IgnoreReason.DUPLICATE_CHECK);
            assertThat(run.pending.results().get(CheckKind.INVENTORY).passed()).isTrue();
        }

        @Test
        void checksAfterTheDecisionAreIgnored() {
            Run rejected = runTo(OrderState.CREATED);
            rejected.feed(inventoryShort(ID));
            rejected.feed(fraudPassed(ID));
            assertIgnored(rejected.feed(fraudPassed(ID)), IgnoreReason.LATE_CHECK);

            Run cancelled = runTo(OrderState.CREATED);
            cancelled.feed(cancel(ID, "changed my mind"));
            assertThat(cancelled.pending).isNull();
            assertIgnored(cancelled.feed(inventoryPassed(ID)), IgnoreReason.LATE_CHECK);
        }

        @Test
        void checksThatOvertakeTheirOrderAreKeptForIt() {
            Run run = new Run();
            Outcome.Applied early = applied(run.feed(fraudPassed(ID)));
            assertThat(early.views()).isEmpty();
            assertThat(run.pending.has(CheckKind.FRAUD)).isTrue();
            run.feed(inventoryPassed(ID));

            Outcome.Applied outcome = applied(run.feed(requested(ID, "c-1")));

            assertThat(outcome.views()).extracting(Order::getState)
                    .containsExactly(OrderState.CREATED, OrderState.VALIDATED);
            assertThat(outcome.events()).singleElement().isInstanceOf(OrderValidated.class);
            assertThat(run.pending).isNull();
        }

        @Test
        void overdueChecksRejectTheOrderNamingEachMissingCheck() {
            Run run = runTo(OrderState.CREATED);
            run.feed(inventoryPassed(ID));

            Outcome.Applied notYet = applied(run.timeout(NOW.plusSeconds(9)));
            assertThat(notYet.views()).isEmpty();
            assertThat(notYet.pending()).isInstanceOf(PendingUpdate.Keep.class);

            Outcome.Applied outcome = applied(run.timeout(NOW.plusSeconds(10)));
            assertThat(outcome.view().getState()).isEqualTo(OrderState.REJECTED);
            assertThat(outcome.view().getReasons()).containsExactly("CHECK_TIMEOUT: FRAUD");
            OrderRejected rejected = (OrderRejected) outcome.events().get(0);
            assertThat(rejected.getInventoryReserved()).isTrue();
            assertThat(rejected.getRejectedAt()).isEqualTo(NOW.plusSeconds(10));
            assertThat(run.pending).isNull();
        }

        @Test
        void checksForAnOrderThatNeverCameAreDroppedAtTheDeadline() {
            Run run = new Run();
            run.feed(inventoryPassed(ID));

            Outcome outcome = run.timeout(NOW.plusSeconds(10));

            assertIgnored(outcome, IgnoreReason.UNKNOWN_ORDER);
            assertThat(outcome.pending()).isInstanceOf(PendingUpdate.Clear.class);
        }
    }

    @Nested
    class Payment {

        @Test
        void anAuthorizedPaymentPaysAndConfirms() {
            Run run = runTo(OrderState.VALIDATED);

            Outcome.Applied outcome = applied(run.feed(payment(ID, PaymentStatus.AUTHORIZED)));

            assertThat(outcome.views()).extracting(Order::getState)
                    .containsExactly(OrderState.PAID, OrderState.CONFIRMED);
            assertThat(outcome.views()).extracting(Order::getVersion).containsExactly(3L, 4L);
            assertThat(outcome.views()).extracting(Order::getPaymentId)
                    .containsOnly("pay-o-1");
            OrderConfirmed confirmed = (OrderConfirmed) outcome.events().get(0);
            assertThat(confirmed.getLines()).isEqualTo(run.order.getLines());
            assertThat(confirmed.getTotalCents()).isEqualTo(3097);
            assertThat(confirmed.getShippingAddress().getCity()).isEqualTo("London");
            assertThat(confirmed.getConfirmedAt()).isEqualTo(NOW);
        }

        @ParameterizedTest
        @EnumSource(value = PaymentStatus.class, names = {"DECLINED", "FAILED"})
        void aRefusedPaymentFailsTheOrder(PaymentStatus status) {
            Run run = runTo(OrderState.VALIDATED);

            Outcome.Applied outcome = applied(run.feed(payment(ID, status)));

            assertThat(outcome.view().getState()).isEqualTo(OrderState.PAYMENT_FAILED);
            assertThat(outcome.view().getReasons()).containsExactly(
                    (status == PaymentStatus.DECLINED ? "PAYMENT_DECLINED" : "PAYMENT_FAILED")
                            + ": card declined");
            // Announced as a rejection, so inventory releases the stock it holds.
            assertThat(outcome.events()).singleElement().isInstanceOfSatisfying(OrderRejected.class,
                    rejected -> assertThat(rejected.getInventoryReserved()).isTrue());
        }

        @Test
        void paymentsForOrdersNotAwaitingOneAreIgnored() {
            Run created = runTo(OrderState.CREATED);
            assertIgnored(created.feed(payment(ID, PaymentStatus.AUTHORIZED)), IgnoreReason.PAYMENT_NOT_EXPECTED);

            Run confirmed = runTo(OrderState.CONFIRMED);
            assertIgnored(confirmed.feed(payment(ID, PaymentStatus.AUTHORIZED)), IgnoreReason.PAYMENT_NOT_EXPECTED);
            assertThat(confirmed.order.getVersion()).isEqualTo(4);

            Run cancelled = runTo(OrderState.VALIDATED);
            cancelled.feed(cancel(ID, "no"));
            assertIgnored(cancelled.feed(payment(ID, PaymentStatus.AUTHORIZED)), IgnoreReason.PAYMENT_NOT_EXPECTED);

            assertIgnored(new Run().feed(payment(ID, PaymentStatus.AUTHORIZED)), IgnoreReason.UNKNOWN_ORDER);
        }

        @Test
        void anUnknownPaymentStatusIsIgnored() {
            Run run = runTo(OrderState.VALIDATED);
            assertIgnored(run.feed(payment(ID, PaymentStatus.UNKNOWN)), IgnoreReason.UNKNOWN_PAYMENT_STATUS);
        }

        @Test
        void aRefundIsNotedOnceAndTheStateStays() {
            Run run = runTo(OrderState.CONFIRMED);
            run.feed(cancel(ID, "too slow"));

            Outcome.Applied outcome = applied(run.feed(refund(ID)));

            assertThat(outcome.view().getState()).isEqualTo(OrderState.CANCELLED);
            assertThat(outcome.view().getVersion()).isEqualTo(6);
            assertThat(outcome.view().getReasons()).containsExactly(
                    "CANCELLED: too slow", "REFUNDED: ref-o-1 (3097 EUR of payment pay-o-1)");
            assertIgnored(run.feed(refund(ID)), IgnoreReason.DUPLICATE_REFUND);
        }
    }

    @Nested
    class Cancelling {

        @ParameterizedTest
        @EnumSource(value = OrderState.class, names = {"CREATED", "VALIDATED", "PAID", "CONFIRMED", "PACKED"})
        void allowedUntilShipped(OrderState state) {
            Run run = runTo(state);
            long version = run.order.getVersion();

            Outcome.Applied outcome = applied(run.feed(cancel(ID, "changed my mind")));

            assertThat(outcome.view().getState()).isEqualTo(OrderState.CANCELLED);
            assertThat(outcome.view().getVersion()).isEqualTo(version + 1);
            assertThat(outcome.view().getReasons()).containsExactly("CANCELLED: changed my mind");
            OrderCancelled cancelled = (OrderCancelled) outcome.events().get(0);
            assertThat(cancelled.getPreviousState()).isEqualTo(state);
            assertThat(cancelled.getReason()).isEqualTo("changed my mind");
            assertThat(cancelled.getCustomerId()).isEqualTo("c-1");
            assertThat(outcome.pending()).isInstanceOf(state == OrderState.CREATED
                    ? PendingUpdate.Clear.class : PendingUpdate.Keep.class);
        }

        @ParameterizedTest
        @EnumSource(value = OrderState.class, names = {"SHIPPED", "OUT_FOR_DELIVERY", "DELIVERED"})
        void refusedOnceShipped(OrderState state) {
            Run run = runTo(state);
            assertIgnored(run.feed(cancel(ID, "too late")), IgnoreReason.CANCEL_NOT_ALLOWED);
        }

        @Test
        void refusedWhenAlreadyFinished() {
            Run run = runTo(OrderState.CREATED);
            run.feed(cancel(ID, "once"));
            assertIgnored(run.feed(cancel(ID, "twice")), IgnoreReason.CANCEL_NOT_ALLOWED);

            assertIgnored(new Run().feed(cancel(ID, "who?")), IgnoreReason.UNKNOWN_ORDER);
        }
    }

    @Nested
    class Shipping {

        @Test
        void theViewFollowsTheShipmentForwardWithItsTrackingNumber() {
            Run run = runTo(OrderState.CONFIRMED);

            Outcome.Applied packed = applied(run.feed(shipment(ID, ShipmentStatus.PACKED)));
            assertThat(packed.view().getState()).isEqualTo(OrderState.PACKED);
            assertThat(packed.view().getTrackingNumber()).isEqualTo("TRK-o-1");
            assertThat(packed.view().getVersion()).isEqualTo(5);

            // Skipping a step is a forward move too.
            Outcome.Applied delivered = applied(run.feed(shipment(ID, ShipmentStatus.DELIVERED)));
            assertThat(delivered.view().getState()).isEqualTo(OrderState.DELIVERED);
            assertThat(delivered.view().getVersion()).isEqualTo(6);
        }

        @Test
        void backwardsAndRepeatedStatusesAreIgnored() {
            Run run = runTo(OrderState.SHIPPED);

            assertIgnored(run.feed(shipment(ID, ShipmentStatus.SHIPPED)), IgnoreReason.DUPLICATE_SHIPMENT_UPDATE);
            assertIgnored(run.feed(shipment(ID, ShipmentStatus.PACKED)), IgnoreReason.SHIPMENT_OUT_OF_ORDER);
            assertIgnored(run.feed(shipment(ID, ShipmentStatus.LOST)), IgnoreReason.SHIPMENT_STATUS_NOT_TRACKED);
            assertThat(run.order.getState()).isEqualTo(OrderState.SHIPPED);
        }

        @Test
        void shipmentsOfOrdersNotConfirmedAreIgnored() {
            Run run = runTo(OrderState.VALIDATED);
            assertIgnored(run.feed(shipment(ID, ShipmentStatus.PACKED)), IgnoreReason.SHIPMENT_NOT_EXPECTED);

            Run cancelled = runTo(OrderState.CONFIRMED);
            cancelled.feed(cancel(ID, "no"));
            assertIgnored(cancelled.feed(shipment(ID, ShipmentStatus.SHIPPED)), IgnoreReason.SHIPMENT_NOT_EXPECTED);
        }
    }

    @Test
    void unsupportedRecordsAreIgnored() {
        assertIgnored(machine.apply(null, null, OrderConfirmedLike.record(), NOW), IgnoreReason.UNSUPPORTED_EVENT);
    }

    /** A record type the processor does not consume. */
    private static final class OrderConfirmedLike {
        static SpecificRecord record() {
            return com.eventshop.contracts.tables.Stock.newBuilder().setProductId("p-1")
                    .setAvailable(1).setUpdatedAt(NOW).build();
        }
    }
}
