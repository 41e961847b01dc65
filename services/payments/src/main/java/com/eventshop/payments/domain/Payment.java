package com.eventshop.payments.domain;

import java.util.Objects;

/**
 * The payment of one order as payments keeps it.
 *
 * @param status     AUTHORIZED / DECLINED / FAILED once processed; NOT_CHARGED when the order
 *                   was cancelled before it was validated (it will never be charged)
 * @param paymentId  the provider's payment id (null unless the provider answered)
 * @param reason     why it was declined or failed
 * @param cancelled  an OrderCancelled was seen
 * @param refund     refund progress of an authorised, cancelled payment
 */
public record Payment(String orderId, String customerId, Status status, String paymentId, long amountCents,
                      String currency, String reason, boolean cancelled, Refund refund, String refundId,
                      String refundReason) {

    public enum Status { AUTHORIZED, DECLINED, FAILED, NOT_CHARGED }

    public enum Refund { NONE, PENDING, REFUNDED, FAILED }

    public Payment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(refund, "refund");
    }

    /** Remembers an order cancelled before it was validated: it must never be charged. */
    public static Payment notCharged(String orderId, String customerId) {
        return new Payment(orderId, customerId, Status.NOT_CHARGED, null, 0, null,
                "cancelled before payment", true, Refund.NONE, null, null);
    }

    public Payment withCancelled() {
        return new Payment(orderId, customerId, status, paymentId, amountCents, currency, reason, true, refund,
                refundId, refundReason);
    }

    public Payment withRefund(Refund newRefund, String newRefundId, String newRefundReason) {
        return new Payment(orderId, customerId, status, paymentId, amountCents, currency, reason, true, newRefund,
                newRefundId, newRefundReason);
    }
}
