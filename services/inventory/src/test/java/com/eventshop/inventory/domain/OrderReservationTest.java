package com.eventshop.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.inventory.domain.OrderReservation.Closure;
import com.eventshop.inventory.domain.OrderReservation.LineState;
import com.eventshop.inventory.domain.OrderReservation.ReleaseReason;
import com.eventshop.inventory.domain.ReservationOutcome.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderReservationTest {

    private final OrderReservation order = OrderReservation.start("o");

    private static ReservationOutcome reserved(String product, int q) {
        return new ReservationOutcome("o", product, q, Result.RESERVED, 100);
    }

    @Test
    void requestSumsLinesPerProductAndAsksForEach() {
        ReservationEffects effects = order.request(List.of(new RequestedLine("a", 1),
                new RequestedLine("b", 2), new RequestedLine("a", 3)));
        assertThat(effects.instructions()).containsExactly(StockInstruction.reserve("o", "a", 4),
                StockInstruction.reserve("o", "b", 2));
        assertThat(effects.check()).isEmpty();
        assertThat(order.request(List.of(new RequestedLine("a", 1)))).isEqualTo(ReservationEffects.none());
    }

    @Test
    void passesWhenEveryLineIsReserved() {
        order.request(List.of(new RequestedLine("a", 1), new RequestedLine("b", 2)));
        assertThat(order.outcome(reserved("a", 1)).check()).isEmpty();
        ReservationEffects last = order.outcome(reserved("b", 2));
        assertThat(last.check().orElseThrow().passed()).isTrue();
        assertThat(last.instructions()).isEmpty();
        assertThat(order.holdsStock()).isTrue();
    }

    @Test
    void aShortLineReleasesTheReservedOnes() {
        order.request(List.of(new RequestedLine("a", 1), new RequestedLine("b", 2), new RequestedLine("c", 1)));
        order.outcome(reserved("a", 1));
        order.outcome(new ReservationOutcome("o", "b", 2, Result.SHORT, 1));
        ReservationEffects last = order.outcome(new ReservationOutcome("o", "c", 1, Result.UNKNOWN_PRODUCT, 0));
        InventoryCheck check = last.check().orElseThrow();
        assertThat(check.passed()).isFalse();
        assertThat(check.shortages()).containsExactly(new Shortage("b", 2, 1));
        assertThat(check.unknownProducts()).containsExactly("c");
        assertThat(last.instructions()).containsExactly(StockInstruction.release("o", "a", 1));
        assertThat(order.holdsStock()).isFalse();
        assertThat(order.release(ReleaseReason.REJECTED).instructions()).isEmpty();
    }

    @Test
    void releaseBeforeTheOutcomesReleasesLinesReservedLater() {
        order.request(List.of(new RequestedLine("a", 1), new RequestedLine("b", 2)));
        order.outcome(reserved("a", 1));
        assertThat(order.release(ReleaseReason.REJECTED).instructions())
                .containsExactly(StockInstruction.release("o", "a", 1));
        ReservationEffects late = order.outcome(reserved("b", 2));
        assertThat(late.instructions()).containsExactly(StockInstruction.release("o", "b", 2));
        assertThat(order.holdsStock()).isFalse();
        assertThat(order.release(ReleaseReason.CANCELLED).instructions()).isEmpty();
    }

    @Test
    void closedBeforeRequestedReservesNothing() {
        order.release(ReleaseReason.PAYMENT_FAILED);
        assertThat(order.request(List.of(new RequestedLine("a", 1)))).isEqualTo(ReservationEffects.none());
        assertThat(order.closure()).isEqualTo(Closure.RELEASED);
    }

    @Test
    void confirmSellsOnceAndCancelRestocksOnce() {
        order.request(List.of(new RequestedLine("a", 2)));
        order.outcome(reserved("a", 2));
        assertThat(order.confirm().instructions()).containsExactly(StockInstruction.sell("o", "a", 2));
        assertThat(order.confirm().instructions()).isEmpty();
        assertThat(order.release(ReleaseReason.PAYMENT_FAILED).instructions()).isEmpty();
        assertThat(order.release(ReleaseReason.CANCELLED).instructions())
                .containsExactly(StockInstruction.restock("o", "a", 2));
        assertThat(order.release(ReleaseReason.CANCELLED).instructions()).isEmpty();
        assertThat(order.lines()).extracting(OrderReservation.Line::state).containsExactly(LineState.RESTOCKED);
    }

    @Test
    void confirmAfterReleaseChangesNothing() {
        order.request(List.of(new RequestedLine("a", 2)));
        order.outcome(reserved("a", 2));
        order.release(ReleaseReason.REJECTED);
        assertThat(order.confirm().instructions()).isEmpty();
    }

    @Test
    void invalidQuantitiesFailAtOnce() {
        ReservationEffects effects = order.request(List.of(new RequestedLine("a", 0), new RequestedLine("b", 1)));
        assertThat(effects.instructions()).isEmpty();
        assertThat(effects.check().orElseThrow().passed()).isFalse();
        assertThat(effects.check().orElseThrow().shortages()).contains(new Shortage("a", 0, 0));
    }

    @Test
    void anOrderWithoutLinesPasses() {
        assertThat(order.request(List.of()).check().orElseThrow().passed()).isTrue();
    }

    @Test
    void anUnexpectedReservationIsGivenBack() {
        assertThat(order.outcome(reserved("z", 3)).instructions())
                .containsExactly(StockInstruction.release("o", "z", 3));
    }

    @Test
    void aSingleProductOrderIsAnsweredByItsStock() {
        ReservationEffects effects = order.request(List.of(new RequestedLine("a", 1), new RequestedLine("a", 2)));
        assertThat(effects.instructions()).containsExactly(StockInstruction.reserveAndAnswer("o", "a", 3));
        assertThat(effects.check()).isEmpty();
        assertThat(order.checked()).isTrue();
        // The outcome is recorded but gives no second check.
        ReservationEffects outcome = order.outcome(reserved("a", 3));
        assertThat(outcome.check()).isEmpty();
        assertThat(outcome.instructions()).isEmpty();
        assertThat(order.lines()).extracting(OrderReservation.Line::state).containsExactly(LineState.RESERVED);
        assertThat(order.release(ReleaseReason.REJECTED).instructions())
                .containsExactly(StockInstruction.release("o", "a", 3));
    }

    @Test
    void aShortSingleProductOrderHoldsNothing() {
        order.request(List.of(new RequestedLine("a", 5)));
        ReservationEffects outcome = order.outcome(new ReservationOutcome("o", "a", 5, Result.SHORT, 2));
        assertThat(outcome.check()).isEmpty();
        assertThat(outcome.instructions()).isEmpty();
        assertThat(order.holdsStock()).isFalse();
        assertThat(order.release(ReleaseReason.REJECTED).instructions()).isEmpty();
    }

    @Test
    void aSingleProductOrderClosedBeforeItsOutcomeGivesTheLineBack() {
        order.request(List.of(new RequestedLine("a", 2)));
        assertThat(order.release(ReleaseReason.REJECTED).instructions()).isEmpty();
        assertThat(order.outcome(reserved("a", 2)).instructions())
                .containsExactly(StockInstruction.release("o", "a", 2));
    }

    @Test
    void theStockSideVerdictOfASingleProduct() {
        assertThat(reserved("a", 2).asCheck()).isEqualTo(new InventoryCheck("o", true, List.of(), List.of()));
        assertThat(new ReservationOutcome("o", "a", 5, Result.SHORT, 2).asCheck())
                .isEqualTo(new InventoryCheck("o", false, List.of(new Shortage("a", 5, 2)), List.of()));
        assertThat(new ReservationOutcome("o", "a", 5, Result.UNKNOWN_PRODUCT, 0).asCheck())
                .isEqualTo(new InventoryCheck("o", false, List.of(), List.of("a")));
    }
}
