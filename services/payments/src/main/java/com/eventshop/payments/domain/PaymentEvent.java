package com.eventshop.payments.domain;

/** What payments announces on payment.processed. */
public sealed interface PaymentEvent {

    String orderId();

    /** The order's payment was authorised, declined or failed. */
    record Processed(String orderId, String paymentId, Payment.Status status, long amountCents, String currency,
                     String reason) implements PaymentEvent {
    }

    /** An authorised payment was refunded after the order was cancelled. */
    record Refunded(String orderId, String paymentId, String refundId, long amountCents, String currency)
            implements PaymentEvent {
    }
}
