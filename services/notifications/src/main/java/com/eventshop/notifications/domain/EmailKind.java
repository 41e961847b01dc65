package com.eventshop.notifications.domain;

/** The emails a customer gets, each at most once per order; the subject line of each. */
public enum EmailKind {
    RECEIVED("We received your order %s"),
    CONFIRMED("Your order %s is confirmed"),
    REJECTED("We could not accept your order %s"),
    PAYMENT_FAILED("Payment for your order %s failed"),
    SHIPPED("Your order %s has shipped"),
    DELIVERED("Your order %s was delivered"),
    CANCELLED("Your order %s is cancelled"),
    REFUNDED("Your refund for order %s");

    private final String subject;

    EmailKind(String subject) {
        this.subject = subject;
    }

    public String subject(String orderId) {
        return String.format(subject, orderId);
    }

    /**
     * The email that must reach the customer before this one, if the order had it: events of
     * one order arrive on several topics, and a later step can be read before an earlier one.
     */
    public EmailKind predecessor() {
        return switch (this) {
            case RECEIVED -> null;
            case CONFIRMED, REJECTED, PAYMENT_FAILED, CANCELLED -> RECEIVED;
            case SHIPPED -> CONFIRMED;
            case DELIVERED -> SHIPPED;
            case REFUNDED -> CANCELLED;
        };
    }

    /** The template name, e.g. {@code payment-failed}. */
    public String template() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The identity of one email: at most one per order and kind, whatever repeats upstream. */
    public String notificationId(String orderId) {
        return orderId + ":" + name();
    }
}
