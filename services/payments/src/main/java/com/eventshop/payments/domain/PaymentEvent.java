package com.eventshop.payments.domain;

/** What payments announces on payment.processed. */
public sealed interface PaymentEvent {

    String orderId();

    /** The order's payment was authorised (a hold), declined or failed. */
    record Processed(String orderId, String paymentId, Payment.Status status, long amountCents, String currency,
                     String reason) implements PaymentEvent {
    }

    /** The authorised amount was captured when the order shipped. */
    record Captured(String orderId, String paymentId, long amountCents, String currency) implements PaymentEvent {
    }

    /**
     * The money of a cancelled or rejected order went back: the hold was voided (never charged),
     * or the captured charge was refunded.
     */
    record Refunded(String orderId, String paymentId, String refundId, long amountCents, String currency,
                    boolean voided) implements PaymentEvent {
    }
}
