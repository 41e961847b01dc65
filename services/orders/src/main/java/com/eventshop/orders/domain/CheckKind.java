package com.eventshop.orders.domain;

/** The checks an order can be made to wait for before it is decided. */
public enum CheckKind {
    /** Stock reserved for every line (inventory service, {@code inventory.checks}). */
    INVENTORY,
    /** Per-customer fraud rules (fraud service, {@code fraud.checks}). */
    FRAUD,
    /**
     * The payment authorised (a hold on the customer's card), asked for in parallel with the
     * other checks (payments service, {@code payment.processed}).
     */
    PAYMENT
}
