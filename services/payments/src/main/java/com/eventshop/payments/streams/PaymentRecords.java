package com.eventshop.payments.streams;

import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import com.eventshop.contracts.events.PaymentRefunded;
import com.eventshop.payments.domain.Payment;
import com.eventshop.payments.domain.PaymentEvent;
import com.eventshop.payments.streams.internal.PaymentRecord;
import com.eventshop.payments.streams.internal.PaymentRecordStatus;
import com.eventshop.payments.streams.internal.RefundRecordStatus;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** Maps between the domain and the Avro records on topics and in the payments store. */
public final class PaymentRecords {

    private PaymentRecords() {
    }

    public static PaymentRecord toRecord(Payment payment, Instant updatedAt) {
        return PaymentRecord.newBuilder().setOrderId(payment.orderId()).setCustomerId(payment.customerId())
                .setStatus(PaymentRecordStatus.valueOf(payment.status().name())).setPaymentId(payment.paymentId())
                .setAmountCents(payment.amountCents()).setCurrency(payment.currency()).setReason(payment.reason())
                .setCancelled(payment.cancelled()).setRefund(RefundRecordStatus.valueOf(payment.refund().name()))
                .setRefundId(payment.refundId()).setRefundReason(payment.refundReason())
                .setCaptured(payment.captured()).setUpdatedAt(updatedAt).build();
    }

    /** The stored payment, or null when it was written by a newer version with unknown states. */
    public static Payment toDomain(PaymentRecord stored) {
        if (stored == null || stored.getStatus() == PaymentRecordStatus.UNKNOWN
                || stored.getRefund() == RefundRecordStatus.UNKNOWN) {
            return null;
        }
        return new Payment(stored.getOrderId(), stored.getCustomerId(), Payment.Status.valueOf(stored.getStatus().name()),
                stored.getPaymentId(), stored.getAmountCents(), stored.getCurrency(), stored.getReason(),
                stored.getCancelled(), Payment.Refund.valueOf(stored.getRefund().name()), stored.getRefundId(),
                stored.getRefundReason(), stored.getCaptured());
    }

    public static SpecificRecord toRecord(PaymentEvent event, Instant at) {
        if (event instanceof PaymentEvent.Processed p) {
            return OrderPaymentProcessed.newBuilder().setOrderId(p.orderId())
                    .setPaymentId(p.paymentId() == null ? "" : p.paymentId())
                    .setStatus(PaymentStatus.valueOf(p.status().name())).setAmountCents(p.amountCents())
                    .setCurrency(p.currency()).setReason(p.reason()).setProcessedAt(at).build();
        }
        if (event instanceof PaymentEvent.Captured c) {
            return OrderPaymentProcessed.newBuilder().setOrderId(c.orderId()).setPaymentId(c.paymentId())
                    .setStatus(PaymentStatus.CAPTURED).setAmountCents(c.amountCents())
                    .setCurrency(c.currency() == null ? "" : c.currency()).setProcessedAt(at).build();
        }
        PaymentEvent.Refunded r = (PaymentEvent.Refunded) event;
        return PaymentRefunded.newBuilder().setOrderId(r.orderId()).setPaymentId(r.paymentId())
                .setRefundId(r.refundId()).setAmountCents(r.amountCents())
                .setCurrency(r.currency() == null ? "" : r.currency()).setVoided(r.voided()).setRefundedAt(at).build();
    }
}
