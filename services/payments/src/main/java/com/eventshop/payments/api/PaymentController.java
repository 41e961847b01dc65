package com.eventshop.payments.api;

import com.eventshop.payments.domain.Payment;
import com.eventshop.payments.streams.PaymentRecords;
import com.eventshop.payments.streams.internal.PaymentRecord;
import com.eventshop.platform.kafka.streams.KeyOwnerForwarder;
import com.eventshop.platform.kafka.streams.StoreQueries;
import com.eventshop.platform.security.RequestUser;
import com.eventshop.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The payment of an order, read from the payments store (forwarded to the instance that owns it). */
@RestController
@RequestMapping("/api/payments")
public class PaymentController {

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** How the money of a cancelled or rejected, authorised payment went back: VOIDED (never charged) or REFUNDED. */
    public record RefundView(String status, String refundId, String reason) {
    }

    /**
     * The payment of an order. {@code status}: AUTHORIZED (a hold), DECLINED, FAILED, or NOT_CHARGED
     * (the order was cancelled or rejected before it was authorised); {@code captured} once the
     * order shipped and the hold became a charge.
     */
    public record PaymentView(String orderId, String customerId, String status, String paymentId, long amountCents,
                              String currency, String reason, boolean cancelled, boolean captured, RefundView refund,
                              Instant updatedAt) {

        static PaymentView of(PaymentRecord stored) {
            Payment p = PaymentRecords.toDomain(stored);
            if (p == null) {
                throw ProblemException.unprocessable("The payment of order " + stored.getOrderId()
                        + " was written by a newer version of payments");
            }
            return new PaymentView(p.orderId(), p.customerId(), p.status().name(), p.paymentId(), p.amountCents(),
                    p.currency(), p.reason(), p.cancelled(), p.captured(),
                    new RefundView(p.refund().name(), p.refundId(), p.refundReason()), stored.getUpdatedAt());
        }
    }

    private final StoreQueries<PaymentRecord> queries;

    public PaymentController(StoreQueries<PaymentRecord> queries) {
        this.queries = queries;
    }

    @Operation(summary = "The payment of an order")
    @GetMapping("/{orderId}")
    public PaymentView getPayment(@PathVariable String orderId,
            @RequestHeader(name = KeyOwnerForwarder.FORWARDED_HEADER, required = false) String forwarded) {
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw ProblemException.badRequest("orderId must be 1 to 128 letters, digits or ._:- characters")
                    .with("orderId", orderId);
        }
        // Someone else's payment is answered as not found: its existence is not revealed.
        RequestUser user = RequestUser.current();
        return queries.find(orderId, forwarded != null, "/api/payments/" + KeyOwnerForwarder.encode(orderId),
                        PaymentView.class, p -> user.mayActFor(p.getCustomerId()) ? PaymentView.of(p) : null)
                .orElseThrow(() -> ProblemException.notFound("No payment for order " + orderId).with("orderId", orderId));
    }
}
