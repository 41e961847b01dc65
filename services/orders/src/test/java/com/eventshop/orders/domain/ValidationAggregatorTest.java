package com.eventshop.orders.domain;

import static com.eventshop.orders.OrderFixtures.T0;
import static com.eventshop.orders.OrderFixtures.fraudFailed;
import static com.eventshop.orders.OrderFixtures.fraudPassed;
import static com.eventshop.orders.OrderFixtures.inventoryPassed;
import static com.eventshop.orders.OrderFixtures.inventoryShort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationAggregatorTest {

    private final ValidationAggregator aggregator = new ValidationAggregator(EnumSet.of(CheckKind.INVENTORY, CheckKind.FRAUD), Duration.ofSeconds(10));

    private PendingValidation add(PendingValidation pending, CheckResult result) {
        ValidationAggregator.Added added = aggregator.add(pending, result);
        assertThat(added).isInstanceOf(ValidationAggregator.Added.Recorded.class);
        return ((ValidationAggregator.Added.Recorded) added).pending();
    }

    @Test
    void waitsForEveryRequiredCheckUntilTheDeadline() {
        PendingValidation pending = aggregator.start("o-1", null, T0);

        assertThat(pending.required()).containsExactlyInAnyOrder(CheckKind.INVENTORY, CheckKind.FRAUD);
        assertThat(pending.deadline()).isEqualTo(T0.plusSeconds(10));
        assertThat(pending.complete()).isFalse();

        pending = add(pending, CheckResult.of(inventoryPassed("o-1")));
        assertThat(pending.complete()).isFalse();
        pending = add(pending, CheckResult.of(fraudPassed("o-1")));
        assertThat(pending.complete()).isTrue();

        Verdict verdict = aggregator.verdict(pending);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.inventoryReserved()).isTrue();
    }

    @Test
    void rejectsWithEveryReasonOfEveryFailedCheck() {
        PendingValidation pending = aggregator.start("o-1", null, T0);
        pending = add(pending, CheckResult.of(fraudFailed("o-1", "VELOCITY")));
        pending = add(pending, CheckResult.of(inventoryShort("o-1")));

        Verdict verdict = aggregator.verdict(pending);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).containsExactly(
                "OUT_OF_STOCK: p-001 (requested 2, available 1)",
                "UNKNOWN_PRODUCT: p-999",
                "FRAUD: VELOCITY");
        assertThat(verdict.inventoryReserved()).isFalse();
    }

    @Test
    void fraudFailureAloneKeepsTheInventoryReservationFlag() {
        PendingValidation pending = aggregator.start("o-1", null, T0);
        pending = add(pending, CheckResult.of(inventoryPassed("o-1")));
        pending = add(pending, CheckResult.of(fraudFailed("o-1", null)));

        Verdict verdict = aggregator.verdict(pending);

        assertThat(verdict.reasons()).containsExactly("FRAUD: unspecified rule");
        assertThat(verdict.inventoryReserved()).isTrue();
    }

    @Test
    void aSecondCheckOfTheSameKindIsADuplicate() {
        PendingValidation pending = add(aggregator.start("o-1", null, T0),
                CheckResult.of(inventoryPassed("o-1")));

        ValidationAggregator.Added again = aggregator.add(pending, CheckResult.of(inventoryShort("o-1")));

        assertThat(again).isInstanceOf(ValidationAggregator.Added.Duplicate.class);
        assertThat(((ValidationAggregator.Added.Duplicate) again).existing().passed()).isTrue();
    }

    @Test
    void checksThatAreNotConfiguredAreNotRecorded() {
        ValidationAggregator fraudOnly = new ValidationAggregator(Set.of(CheckKind.FRAUD), Duration.ofSeconds(5));
        PendingValidation pending = fraudOnly.start("o-1", null, T0);

        assertThat(fraudOnly.add(pending, CheckResult.of(inventoryPassed("o-1"))))
                .isInstanceOf(ValidationAggregator.Added.NotRequired.class);
        assertThat(pending.deadline()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void missingChecksAreNamedAsTimeouts() {
        PendingValidation none = aggregator.start("o-1", null, T0);
        assertThat(aggregator.verdict(none).reasons())
                .containsExactly("CHECK_TIMEOUT: INVENTORY", "CHECK_TIMEOUT: FRAUD");

        PendingValidation inventoryOnly = add(none, CheckResult.of(inventoryPassed("o-1")));
        Verdict verdict = aggregator.verdict(inventoryOnly);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).containsExactly("CHECK_TIMEOUT: FRAUD");
        assertThat(verdict.inventoryReserved()).isTrue();

        PendingValidation shortOnly = add(none, CheckResult.of(inventoryShort("o-1")));
        assertThat(aggregator.verdict(shortOnly).reasons()).containsExactly(
                "OUT_OF_STOCK: p-001 (requested 2, available 1)", "UNKNOWN_PRODUCT: p-999",
                "CHECK_TIMEOUT: FRAUD");
    }

    @Test
    void expiresAtTheDeadline() {
        PendingValidation pending = aggregator.start("o-1", null, T0);

        assertThat(aggregator.isExpired(pending, T0.plusMillis(9_999))).isFalse();
        assertThat(aggregator.isExpired(pending, T0.plusSeconds(10))).isTrue();
    }

    @Test
    void startingKeepsChecksThatArrivedBeforeTheOrderAndRestartsTheClock() {
        PendingValidation early = add(aggregator.awaitOrder("o-1", T0),
                CheckResult.of(fraudPassed("o-1")));

        PendingValidation started = aggregator.start("o-1", early, T0.plusSeconds(3));

        assertThat(started.results()).containsOnlyKeys(CheckKind.FRAUD);
        assertThat(started.deadline()).isEqualTo(T0.plusSeconds(13));
    }

    @Test
    void noRequiredChecksMeansCompleteAtOnce() {
        ValidationAggregator none = new ValidationAggregator(EnumSet.noneOf(CheckKind.class), Duration.ofSeconds(1));
        PendingValidation pending = none.start("o-1", null, T0);

        assertThat(pending.complete()).isTrue();
        assertThat(none.verdict(pending).passed()).isTrue();
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThatThrownBy(() -> new ValidationAggregator(Set.of(CheckKind.FRAUD), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
