package com.eventshop.payments.domain;

import java.util.Objects;

/**
 * The payment of one order as payments keeps it.
 *
 * @param status     AUTHORIZED / DECLINED / FAILED once processed; NOT_CHARGED when the order
 *                   was cancelled before it was validated (it will never be charged)
 * @param paymentId  the provider's payment id (null unless the provider answered)
 * @param reason     why it was declined or failed
 * @param cancelled  the order was cancelled or rejected: its money goes back
 * @param refund     how the money of an authorised, cancelled payment goes back: the hold is
 *                   VOIDED if it was never captured, the charge REFUNDED if it was
 * @param captured   the authorised amount was captured (when the order shipped)
 */
public record Payment(String orderId, String customerId, Status status, String paymentId, long amountCents,
                      String currency, String reason, boolean cancelled, Refund refund, String refundId,
                      String refundReason, boolean captured) {

    public enum Status { AUTHORIZED, DECLINED, FAILED, NOT_CHARGED }

    public enum Refund { NONE, PENDING, REFUNDED, VOIDED, FAILED }

    public Payment(String orderId, String customerId, Status status, String paymentId, long amountCents,
                   String currency, String reason, boolean cancelled, Refund refund, String refundId,
                   String refundReason) {
        this(orderId, customerId, status, paymentId, amountCents, currency, reason, cancelled, refund, refundId,
                refundReason, false);
    }

    public Payment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(refund, "refund");
    }

    /** Remembers an order cancelled or rejected before it was authorised: it must never be charged. */
    public static Payment notCharged(String orderId, String customerId) {
        return new Payment(orderId, customerId, Status.NOT_CHARGED, null, 0, null,
                "cancelled before payment", true, Refund.NONE, null, null);
    }

    public Payment withCancelled() {
        return new Payment(orderId, customerId, status, paymentId, amountCents, currency, reason, true, refund,
                refundId, refundReason, captured);
    }

    public Payment withCaptured() {
        return new Payment(orderId, customerId, status, paymentId, amountCents, currency, reason, cancelled, refund,
                refundId, refundReason, true);
    }

    /** Authorised, not captured, not given back: the hold can still be captured. */
    public boolean capturable() {
        return status == Status.AUTHORIZED && !captured && !cancelled && refund == Refund.NONE;
    }

    public Payment withRefund(Refund newRefund, String newRefundId, String newRefundReason) {
        return new Payment(orderId, customerId, status, paymentId, amountCents, currency, reason, true, newRefund,
                newRefundId, newRefundReason, captured);
    }
}
