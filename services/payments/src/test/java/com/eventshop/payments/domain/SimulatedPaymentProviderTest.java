package com.eventshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedPaymentProviderTest {

    private final SimulatedPaymentProvider provider =
            new SimulatedPaymentProvider(SimulatedPaymentProvider.Settings.defaults());

    @Test
    void authorisesAndRepeatsTheAnswerForTheSameKey() {
        Authorization first = provider.authorize("k1", "o-1", "c-1", 1000, "EUR");
        assertThat(first.status()).isEqualTo(Authorization.Status.AUTHORIZED);
        assertThat(provider.authorize("k1", "o-1", "c-1", 1000, "EUR")).isEqualTo(first);
        assertThat(provider.authorizations()).isEqualTo(1);
        assertThat(provider.calls()).isEqualTo(2);
        // a fresh provider (after a restart) derives the same payment id from the key
        assertThat(new SimulatedPaymentProvider(SimulatedPaymentProvider.Settings.defaults())
                .authorize("k1", "o-1", "c-1", 1000, "EUR").paymentId()).isEqualTo(first.paymentId());
    }

    @Test
    void refusesAKeyReusedForAnotherRequest() {
        provider.authorize("k1", "o-1", "c-1", 1000, "EUR");
        assertThatThrownBy(() -> provider.authorize("k1", "o-1", "c-1", 2000, "EUR"))
                .isInstanceOf(PaymentRefusedException.class);
    }

    @Test
    void declinesOverTheLimitAndTestCards() {
        assertThat(provider.authorize("k1", "o-1", "c-1", 1_000_000, "EUR").status())
                .isEqualTo(Authorization.Status.AUTHORIZED);
        Authorization big = provider.authorize("k2", "o-2", "c-1", 1_000_001, "EUR");
        assertThat(big.status()).isEqualTo(Authorization.Status.DECLINED);
        assertThat(big.reason()).contains("limit");
        assertThat(provider.authorize("k3", "o-3", "test-card-declined", 100, "EUR").status())
                .isEqualTo(Authorization.Status.DECLINED);

        SimulatedPaymentProvider custom = new SimulatedPaymentProvider(SimulatedPaymentProvider.Settings.defaults()
                .withDeclineAboveCents(50).withDeclinedCustomers(Set.of("mallory")));
        assertThat(custom.authorize("a", "o", "c", 51, "EUR").status()).isEqualTo(Authorization.Status.DECLINED);
        assertThat(custom.authorize("b", "o2", "mallory", 1, "EUR").status()).isEqualTo(Authorization.Status.DECLINED);
        assertThat(custom.authorize("c", "o3", "test-card-declined", 1, "EUR").status())
                .isEqualTo(Authorization.Status.AUTHORIZED);
    }

    @Test
    void failsTransientlyAsConfiguredAndReproducibly() {
        SimulatedPaymentProvider always = new SimulatedPaymentProvider(
                SimulatedPaymentProvider.Settings.defaults().withTransientFailures(1.0, 1L));
        assertThatThrownBy(() -> always.authorize("k", "o", "c", 1, "EUR")).isInstanceOf(TransientPaymentException.class);
        assertThat(always.authorizations()).isZero();

        String a = outcomes(new SimulatedPaymentProvider(
                SimulatedPaymentProvider.Settings.defaults().withTransientFailures(0.5, 7L)));
        String b = outcomes(new SimulatedPaymentProvider(
                SimulatedPaymentProvider.Settings.defaults().withTransientFailures(0.5, 7L)));
        assertThat(a).isEqualTo(b).contains("F").contains("A");
    }

    private static String outcomes(SimulatedPaymentProvider p) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            try {
                p.authorize("k" + i, "o" + i, "c", 1, "EUR");
                s.append('A');
            } catch (TransientPaymentException e) {
                s.append('F');
            }
        }
        return s.toString();
    }

    @Test
    void capturesVoidsAndRefundsOnceAndNeverMoreThanAuthorised() {
        Authorization auth = provider.authorize("k1", "o-1", "c-1", 1000, "EUR");
        assertThatThrownBy(() -> provider.refund("r0", auth.paymentId(), 1000))
                .as("a hold is voided, not refunded").isInstanceOf(PaymentRefusedException.class);
        String captureId = provider.capture("c1", auth.paymentId(), 1000);
        assertThat(provider.capture("c1", auth.paymentId(), 1000)).isEqualTo(captureId);
        assertThat(provider.captures()).isEqualTo(1);
        assertThatThrownBy(() -> provider.capture("c2", auth.paymentId(), 1)).isInstanceOf(PaymentRefusedException.class);
        assertThatThrownBy(() -> provider.voidAuthorization("v1", auth.paymentId()))
                .as("a captured payment is refunded, not voided").isInstanceOf(PaymentRefusedException.class);
        String refundId = provider.refund("r1", auth.paymentId(), 1000);
        assertThat(provider.refund("r1", auth.paymentId(), 1000)).isEqualTo(refundId);
        assertThat(provider.refundedCents(auth.paymentId())).isEqualTo(1000);
        assertThatThrownBy(() -> provider.refund("r2", auth.paymentId(), 1)).isInstanceOf(PaymentRefusedException.class);
        assertThatThrownBy(() -> provider.refund("r3", "pay_unknown", 1)).isInstanceOf(PaymentRefusedException.class);
        Authorization declined = provider.authorize("k2", "o-2", "c-1", 2_000_000, "EUR");
        assertThatThrownBy(() -> provider.refund("r4", declined.paymentId(), 1)).isInstanceOf(PaymentRefusedException.class);
    }

    @Test
    void aVoidedHoldIsNeverCaptured() {
        Authorization auth = provider.authorize("k1", "o-1", "c-1", 1000, "EUR");
        String voidId = provider.voidAuthorization("v1", auth.paymentId());
        assertThat(provider.voidAuthorization("v1", auth.paymentId())).isEqualTo(voidId);
        assertThat(provider.voids()).isEqualTo(1);
        assertThatThrownBy(() -> provider.capture("c1", auth.paymentId(), 1000)).isInstanceOf(PaymentRefusedException.class);
        assertThatThrownBy(() -> provider.voidAuthorization("v2", "pay_unknown")).isInstanceOf(PaymentRefusedException.class);
    }

    @Test
    void takesItsTime() {
        SimulatedPaymentProvider slow = new SimulatedPaymentProvider(
                SimulatedPaymentProvider.Settings.defaults().withLatency(15, 20));
        long start = System.nanoTime();
        slow.authorize("k", "o", "c", 1, "EUR");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(15);
    }
}
