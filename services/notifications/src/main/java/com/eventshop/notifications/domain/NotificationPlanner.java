package com.eventshop.notifications.domain;

import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.events.PaymentRefunded;
import com.eventshop.contracts.events.ShipmentUpdated;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Which email (if any) an order event calls for, and what it says. Plain Java. */
public final class NotificationPlanner {

    private NotificationPlanner() {
    }

    public static Optional<PlannedEmail> plan(SpecificRecord event) {
        if (event instanceof OrderRequested r) {
            return Optional.of(new PlannedEmail(EmailKind.RECEIVED, r.getOrderId(), r.getCustomerId(), Map.of(
                    "total", money(r.getTotalCents(), r.getCurrency()), "lines", Integer.toString(r.getLines().size()))));
        }
        if (event instanceof OrderConfirmed c) {
            return Optional.of(new PlannedEmail(EmailKind.CONFIRMED, c.getOrderId(), c.getCustomerId(), Map.of(
                    "total", money(c.getTotalCents(), c.getCurrency()))));
        }
        if (event instanceof OrderRejected r) {
            // Orders decides every failure, a declined payment among them (the payment is one of the
            // checks since order flow v2): one email for the decision, never one per check.
            boolean paymentOnly = !r.getReasons().isEmpty()
                    && r.getReasons().stream().allMatch(reason -> reason.startsWith("PAYMENT_"));
            return Optional.of(new PlannedEmail(paymentOnly ? EmailKind.PAYMENT_FAILED : EmailKind.REJECTED,
                    r.getOrderId(), r.getCustomerId(), Map.of("reason", String.join("; ", r.getReasons()))));
        }
        if (event instanceof PaymentRefunded r) {
            return Optional.of(new PlannedEmail(EmailKind.REFUNDED, r.getOrderId(), null, Map.of(
                    "amount", money(r.getAmountCents(), r.getCurrency()))));
        }
        if (event instanceof OrderCancelled c) {
            return Optional.of(new PlannedEmail(EmailKind.CANCELLED, c.getOrderId(), c.getCustomerId(), Map.of(
                    "reason", c.getReason())));
        }
        if (event instanceof ShipmentUpdated s && s.getStatus() == ShipmentStatus.SHIPPED) {
            return Optional.of(new PlannedEmail(EmailKind.SHIPPED, s.getOrderId(), null, Map.of(
                    "trackingNumber", s.getTrackingNumber(), "carrier", s.getCarrier())));
        }
        if (event instanceof ShipmentUpdated s && s.getStatus() == ShipmentStatus.DELIVERED) {
            return Optional.of(new PlannedEmail(EmailKind.DELIVERED, s.getOrderId(), null, Map.of(
                    "trackingNumber", s.getTrackingNumber())));
        }
        return Optional.empty();
    }

    /** 1234 EUR cents → "12.34 EUR". */
    static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%d.%02d %s", cents / 100, Math.abs(cents % 100), currency == null ? "" : currency).trim();
    }
}
