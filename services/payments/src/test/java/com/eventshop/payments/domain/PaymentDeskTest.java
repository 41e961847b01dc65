package com.eventshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentDeskTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final PaymentDesk desk = new PaymentDesk(provider, RetryPolicy.defaults(), d -> { });

    @Test
    void chargesAValidatedOrderOnce() {
        PaymentDesk.Decision first = desk.validated(null, "o-1", "c-1", 500, "EUR");
        Payment payment = first.payment().orElseThrow();
        assertThat(payment.status()).isEqualTo(Payment.Status.AUTHORIZED);
        assertThat(first.event()).containsInstanceOf(PaymentEvent.Processed.class);

        PaymentDesk.Decision again = desk.validated(payment, "o-1", "c-1", 500, "EUR");
        assertThat(again.payment()).isEmpty();
        assertThat(again.event()).isEmpty();
        assertThat(provider.authorizeCalls).hasValue(1);
    }

    @Test
    void anOrderCancelledBeforeValidationIsNeverCharged() {
        Payment notCharged = desk.cancelled(null, "o-1", "c-1").payment().orElseThrow();
        assertThat(notCharged.status()).isEqualTo(Payment.Status.NOT_CHARGED);
        assertThat(desk.validated(notCharged, "o-1", "c-1", 500, "EUR").event()).isEmpty();
        assertThat(provider.authorizeCalls).hasValue(0);
    }

    @Test
    void transientFailuresAreRetriedThenTheOrderFails() {
        provider.failNext(2);
        assertThat(desk.validated(null, "o-1", "c-1", 500, "EUR").payment().orElseThrow().status())
                .isEqualTo(Payment.Status.AUTHORIZED);
        provider.failNext(4);
        Payment failed = desk.validated(null, "o-2", "c-1", 500, "EUR").payment().orElseThrow();
        assertThat(failed.status()).isEqualTo(Payment.Status.FAILED);
        assertThat(failed.reason()).contains("4 attempts");
        assertThat(provider.authorizeCalls).hasValue(3 + 4);
    }

    @Test
    void refundsOnceOnCancellation() {
        Payment paid = desk.validated(null, "o-1", "c-1", 500, "EUR").payment().orElseThrow();
        PaymentDesk.Decision refund = desk.cancelled(paid, "o-1", "c-1");
        Payment refunded = refund.payment().orElseThrow();
        assertThat(refunded.refund()).isEqualTo(Payment.Refund.REFUNDED);
        assertThat(refund.event().orElseThrow()).isInstanceOf(PaymentEvent.Refunded.class);
        assertThat(desk.cancelled(refunded, "o-1", "c-1")).isEqualTo(new PaymentDesk.Decision(
                java.util.Optional.empty(), java.util.Optional.empty()));
        assertThat(provider.refundCalls).hasValue(1);
        assertThat(provider.delegate.refundedCents(paid.paymentId())).isEqualTo(500);
    }

    @Test
    void aDeclinedPaymentIsNotRefunded() {
        Payment declined = desk.validated(null, "o-1", "test-card-declined", 500, "EUR").payment().orElseThrow();
        assertThat(declined.status()).isEqualTo(Payment.Status.DECLINED);
        PaymentDesk.Decision cancel = desk.cancelled(declined, "o-1", "c-1");
        assertThat(cancel.event()).isEmpty();
        assertThat(cancel.payment().orElseThrow().cancelled()).isTrue();
        assertThat(provider.refundCalls).hasValue(0);
    }

    @Test
    void aRefundThatKeepsFailingIsPendingAndRetriedLater() {
        Payment paid = desk.validated(null, "o-1", "c-1", 500, "EUR").payment().orElseThrow();
        provider.failNext(4);
        Payment pending = desk.cancelled(paid, "o-1", "c-1").payment().orElseThrow();
        assertThat(pending.refund()).isEqualTo(Payment.Refund.PENDING);
        assertThat(desk.cancelled(pending, "o-1", "c-1").event()).isEmpty();

        PaymentDesk.Decision retried = desk.retryRefund(pending);
        assertThat(retried.payment().orElseThrow().refund()).isEqualTo(Payment.Refund.REFUNDED);
        assertThat(retried.event()).isPresent();
        assertThat(desk.retryRefund(retried.payment().orElseThrow()).event()).isEmpty();
    }
}
