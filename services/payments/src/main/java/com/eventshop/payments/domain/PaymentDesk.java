package com.eventshop.payments.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The payment rules of an order: authorise a requested order once (a hold, in parallel with the
 * checks), never authorise one cancelled or rejected before, capture the hold once when the order
 * ships, and give the money back once when the order is cancelled or rejected: void the hold if it
 * was never captured, refund the charge if it was. Provider calls carry idempotency keys derived
 * from the order id, so a call repeated after a crash (before the new state was stored) gets the
 * provider's first answer and charges, captures or gives back nothing more.
 *
 * <p>Why capture at shipping: card rules and shops charge when the goods leave. An order can be
 * cancelled only until it is packed, so a cancelled order only ever has its hold voided: the
 * customer never sees a charge and a refund, and confirming an order costs no capture call.
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

    public static String captureKey(String orderId) {
        return "order-" + orderId + "-capture";
    }

    public static String voidKey(String orderId) {
        return "order-" + orderId + "-void";
    }

    /** An order was requested: authorise its total unless it was processed or cancelled already. */
    public Decision requested(Payment current, String orderId, String customerId, long amountCents, String currency) {
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

    /**
     * The order shipped: capture the authorised amount once. If the provider does not capture
     * (down, or refusing), nothing changes: the payment stays authorised and the capture is asked
     * again on the order's next shipment update.
     */
    public Decision shipped(Payment current) {
        if (current == null || !current.capturable()) {
            return Decision.nothing();
        }
        try {
            retry.call(sleeper, () -> provider.capture(captureKey(current.orderId()), current.paymentId(),
                    current.amountCents()));
        } catch (RuntimeException e) {
            return Decision.nothing();
        }
        return Decision.of(current.withCaptured(), new PaymentEvent.Captured(current.orderId(), current.paymentId(),
                current.amountCents(), current.currency()));
    }

    /**
     * An order was cancelled or rejected: give an authorised payment back once (void or refund);
     * remember an order not authorised yet, so it never will be.
     */
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
        boolean voiding = !current.captured();
        try {
            String refundId = retry.call(sleeper, () -> voiding
                    ? provider.voidAuthorization(voidKey(current.orderId()), current.paymentId())
                    : provider.refund(refundKey(current.orderId()), current.paymentId(), current.amountCents()));
            return Decision.of(current.withRefund(voiding ? Payment.Refund.VOIDED : Payment.Refund.REFUNDED,
                            refundId, null),
                    new PaymentEvent.Refunded(current.orderId(), current.paymentId(), refundId,
                            current.amountCents(), current.currency(), voiding));
        } catch (TransientPaymentException e) {
            return Decision.of(current.withRefund(Payment.Refund.PENDING, null, e.getMessage()));
        } catch (RuntimeException e) {
            return Decision.of(current.withRefund(Payment.Refund.FAILED, null, e.getMessage()));
        }
    }
}
