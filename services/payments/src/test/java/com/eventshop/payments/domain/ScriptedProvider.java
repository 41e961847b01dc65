package com.eventshop.payments.domain;

import java.util.concurrent.atomic.AtomicInteger;

/** Test provider: a simulated provider that counts calls and fails transiently on demand. */
public final class ScriptedProvider implements PaymentProvider {

    public final SimulatedPaymentProvider delegate;
    public final AtomicInteger authorizeCalls = new AtomicInteger();
    public final AtomicInteger refundCalls = new AtomicInteger();
    public final AtomicInteger captureCalls = new AtomicInteger();
    public final AtomicInteger voidCalls = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();

    public ScriptedProvider(SimulatedPaymentProvider.Settings settings) {
        this.delegate = new SimulatedPaymentProvider(settings);
    }

    public ScriptedProvider() {
        this(SimulatedPaymentProvider.Settings.defaults());
    }

    /** The next {@code calls} calls fail transiently. */
    public ScriptedProvider failNext(int calls) {
        failNext.set(calls);
        return this;
    }

    @Override
    public Authorization authorize(String idempotencyKey, String orderId, String customerId, long amountCents,
                                   String currency) {
        authorizeCalls.incrementAndGet();
        maybeFail();
        return delegate.authorize(idempotencyKey, orderId, customerId, amountCents, currency);
    }

    @Override
    public String refund(String idempotencyKey, String paymentId, long amountCents) {
        refundCalls.incrementAndGet();
        maybeFail();
        return delegate.refund(idempotencyKey, paymentId, amountCents);
    }

    @Override
    public String capture(String idempotencyKey, String paymentId, long amountCents) {
        captureCalls.incrementAndGet();
        maybeFail();
        return delegate.capture(idempotencyKey, paymentId, amountCents);
    }

    @Override
    public String voidAuthorization(String idempotencyKey, String paymentId) {
        voidCalls.incrementAndGet();
        maybeFail();
        return delegate.voidAuthorization(idempotencyKey, paymentId);
    }

    private void maybeFail() {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new TransientPaymentException("scripted timeout");
        }
    }
}
