package com.eventshop.orders.domain;

/** The checks an order can be made to wait for before it is validated. */
public enum CheckKind {
    /** Stock reserved for every line (inventory service, {@code inventory.checks}). */
    INVENTORY,
    /** Per-customer fraud rules (fraud service, {@code fraud.checks}). */
    FRAUD
}
