package com.eventshop.notifications.domain;

import java.util.Map;

/**
 * An email an event calls for.
 *
 * @param customerId the customer, or null when the event does not say (look it up by order)
 * @param facts      what the templates show besides the customer (amounts, reasons, tracking number)
 */
public record PlannedEmail(EmailKind kind, String orderId, String customerId, Map<String, String> facts) {

    public PlannedEmail {
        facts = Map.copyOf(facts);
    }

    public String notificationId() {
        return kind.notificationId(orderId);
    }
}
