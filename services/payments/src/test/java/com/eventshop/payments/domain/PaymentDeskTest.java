package com.eventshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentDeskTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final PaymentDesk desk = new PaymentDesk(provider, RetryPolicy.defaults(), d -> { });

    @Test
    void chargesAValidatedOrderOnce() {
        PaymentDesk.Decision first = desk.requested(null, "o-1", "c-1", 500, "EUR");
        Payment payment = first.payment().orElseThrow();
        assertThat(payment.status()).isEqualTo(Payment.Status.AUTHORIZED);
        assertThat(first.event()).containsInstanceOf(PaymentEvent.Processed.class);

        PaymentDesk.Decision again = desk.requested(payment, "o-1", "c-1", 500, "EUR");
        assertThat(again.payment()).isEmpty();
        assertThat(again.event()).isEmpty();
        assertThat(provider.authorizeCalls).hasValue(1);
    }

    @Test
    void anOrderCancelledBeforeValidationIsNeverCharged() {
        Payment notCharged = desk.cancelled(null, "o-1", "c-1").payment().orElseThrow();
        assertThat(notCharged.status()).isEqualTo(Payment.Status.NOT_CHARGED);
        assertThat(desk.requested(notCharged, "o-1", "c-1", 500, "EUR").event()).isEmpty();
        assertThat(provider.authorizeCalls).hasValue(0);
    }

    @Test
    void transientFailuresAreRetriedThenTheOrderFails() {
        provider.failNext(2);
        assertThat(desk.requested(null, "o-1", "c-1", 500, "EUR").payment().orElseThrow().status())
                .isEqualTo(Payment.Status.AUTHORIZED);
        provider.failNext(4);
        Payment failed = desk.requested(null, "o-2", "c-1", 500, "EUR").payment().orElseThrow();
        assertThat(failed.status()).isEqualTo(Payment.Status.FAILED);
        assertThat(failed.reason()).contains("4 attempts");
        assertThat(provider.authorizeCalls).hasValue(3 + 4);
    }

    @Test
    void voidsAHoldOnceOnCancellation() {
        Payment paid = desk.requested(null, "o-1", "c-1", 500, "EUR").payment().orElseThrow();
        PaymentDesk.Decision giveBack = desk.cancelled(paid, "o-1", "c-1");
        Payment voided = giveBack.payment().orElseThrow();
        assertThat(voided.refund()).isEqualTo(Payment.Refund.VOIDED);
        assertThat(giveBack.event().orElseThrow()).isInstanceOfSatisfying(PaymentEvent.Refunded.class,
                event -> assertThat(event.voided()).isTrue());
        assertThat(desk.cancelled(voided, "o-1", "c-1")).isEqualTo(new PaymentDesk.Decision(
                java.util.Optional.empty(), java.util.Optional.empty()));
        assertThat(provider.voidCalls).hasValue(1);
        assertThat(provider.refundCalls).hasValue(0);
    }

    @Test
    void capturesOnceWhenShippedAndRefundsACapturedPaymentOnCancellation() {
        Payment paid = desk.requested(null, "o-1", "c-1", 500, "EUR").payment().orElseThrow();
        Payment captured = desk.shipped(paid).payment().orElseThrow();
        assertThat(captured.captured()).isTrue();
        assertThat(desk.shipped(captured).payment()).isEmpty();
        Payment refunded = desk.cancelled(captured, "o-1", "c-1").payment().orElseThrow();
        assertThat(refunded.refund()).isEqualTo(Payment.Refund.REFUNDED);
        assertThat(provider.captureCalls).hasValue(1);
        assertThat(provider.delegate.refundedCents(paid.paymentId())).isEqualTo(500);
    }

    @Test
    void aDeclinedPaymentIsNotRefunded() {
        Payment declined = desk.requested(null, "o-1", "test-card-declined", 500, "EUR").payment().orElseThrow();
        assertThat(declined.status()).isEqualTo(Payment.Status.DECLINED);
        PaymentDesk.Decision cancel = desk.cancelled(declined, "o-1", "c-1");
        assertThat(cancel.event()).isEmpty();
        assertThat(cancel.payment().orElseThrow().cancelled()).isTrue();
        assertThat(provider.refundCalls).hasValue(0);
    }

    @Test
    void aRefundThatKeepsFailingIsPendingAndRetriedLater() {
        Payment paid = desk.requested(null, "o-1", "c-1", 500, "EUR").payment().orElseThrow();
        provider.failNext(4);
        Payment pending = desk.cancelled(paid, "o-1", "c-1").payment().orElseThrow();
        assertThat(pending.refund()).isEqualTo(Payment.Refund.PENDING);
        assertThat(desk.cancelled(pending, "o-1", "c-1").event()).isEmpty();

        PaymentDesk.Decision retried = desk.retryRefund(pending);
        assertThat(retried.payment().orElseThrow().refund()).isEqualTo(Payment.Refund.VOIDED);
        assertThat(retried.event()).isPresent();
        assertThat(desk.retryRefund(retried.payment().orElseThrow()).event()).isEmpty();
    }
}
