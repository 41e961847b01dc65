package com.eventshop.payments.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The payment rules of an order: charge a validated order once, never charge one cancelled
 * before, refund an authorised payment once when the order is cancelled. Provider calls carry
 * idempotency keys derived from the order id, so a call repeated after a crash (before the new
 * state was stored) gets the provider's first answer and charges or refunds nothing more.
 */
public final class PaymentDesk {

    private final PaymentProvider provider;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    /** The new state of the order's payment (unchanged if nothing happened) and what to announce. */
    public record Decision(Optional<Payment> payment, Optional<PaymentEvent> event) {

        static Decision nothing() {
            return new Decision(Optional.empty(), Optional.empty());
        }

        static Decision of(Payment payment) {
            return new Decision(Optional.of(payment), Optional.empty());
        }

        static Decision of(Payment payment, PaymentEvent event) {
            return new Decision(Optional.of(payment), Optional.of(event));
        }
    }

    public PaymentDesk(PaymentProvider provider, RetryPolicy retry, Sleeper sleeper) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public static String authorizationKey(String orderId) {
        return "order-" + orderId + "-authorize";
    }

    public static String refundKey(String orderId) {
        return "order-" + orderId + "-refund";
    }

    /** An order was validated: authorise its total unless it was processed or cancelled already. */
    public Decision validated(Payment current, String orderId, String customerId, long amountCents, String currency) {
        if (current != null) {
            return Decision.nothing();
        }
        Payment payment;
        try {
            Authorization auth = retry.call(sleeper, () ->
                    provider.authorize(authorizationKey(orderId), orderId, customerId, amountCents, currency));
            Payment.Status status = auth.status() == Authorization.Status.AUTHORIZED
                    ? Payment.Status.AUTHORIZED : Payment.Status.DECLINED;
            payment = new Payment(orderId, customerId, status, auth.paymentId(), amountCents, currency,
                    auth.reason(), false, Payment.Refund.NONE, null, null);
        } catch (TransientPaymentException e) {
            payment = failed(orderId, customerId, amountCents, currency, "payment provider unavailable after "
                    + retry.maxAttempts() + " attempts: " + e.getMessage());
        } catch (RuntimeException e) {
            payment = failed(orderId, customerId, amountCents, currency, "payment refused: " + e.getMessage());
        }
        return Decision.of(payment, new PaymentEvent.Processed(orderId, payment.paymentId(), payment.status(),
                amountCents, currency, payment.reason()));
    }

    private static Payment failed(String orderId, String customerId, long amountCents, String currency, String reason) {
        return new Payment(orderId, customerId, Payment.Status.FAILED, null, amountCents, currency, reason, false,
                Payment.Refund.NONE, null, null);
    }

    /** An order was cancelled: refund an authorised payment once; remember an unpaid order. */
    public Decision cancelled(Payment current, String orderId, String customerId) {
        if (current == null) {
            return Decision.of(Payment.notCharged(orderId, customerId));
        }
        if (current.status() == Payment.Status.AUTHORIZED && current.refund() == Payment.Refund.NONE) {
            return refund(current);
        }
        return current.cancelled() ? Decision.nothing() : Decision.of(current.withCancelled());
    }

    /** Tries a refund again that failed transiently before. */
    public Decision retryRefund(Payment current) {
        if (current == null || current.status() != Payment.Status.AUTHORIZED
                || current.refund() != Payment.Refund.PENDING) {
            return Decision.nothing();
        }
        return refund(current);
    }

    private Decision refund(Payment current) {
        try {
            String refundId = retry.call(sleeper, () ->
                    provider.refund(refundKey(current.orderId()), current.paymentId(), current.amountCents()));
            return Decision.of(current.withRefund(Payment.Refund.REFUNDED, refundId, null),
                    new PaymentEvent.Refunded(current.orderId(), current.paymentId(), refundId,
                            current.amountCents(), current.currency()));
        } catch (TransientPaymentException e) {
            return Decision.of(current.withRefund(Payment.Refund.PENDING, null, e.getMessage()));
        } catch (RuntimeException e) {
            return Decision.of(current.withRefund(Payment.Refund.FAILED, null, e.getMessage()));
        }
    }
}
