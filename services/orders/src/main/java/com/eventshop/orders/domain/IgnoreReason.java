package com.eventshop.orders.domain;

/**
 * Why an incoming event changed nothing. Duplicates and out-of-order events are normal in an
 * at-least-once world (redeliveries, retries, races between services); they are ignored
 * idempotently and counted under one of these reasons.
 */
public enum IgnoreReason {
    /** A second OrderRequested for an order that exists. */
    DUPLICATE_ORDER_REQUEST,
    /** An event for an order this processor never saw. */
    UNKNOWN_ORDER,
    /** A second result of a check that is already recorded. */
    DUPLICATE_CHECK,
    /** A check of a kind the configuration does not wait for. */
    CHECK_NOT_REQUIRED,
    /** A check for an order that is already decided (validated, rejected, cancelled...). */
    LATE_CHECK,
    /** A payment outcome for an order that is not VALIDATED (duplicate, or after a cancel/reject). */
    PAYMENT_NOT_EXPECTED,
    /** A payment status this version does not understand. */
    UNKNOWN_PAYMENT_STATUS,
    /** A refund already recorded. */
    DUPLICATE_REFUND,
    /** A cancel request for an order that is shipped or finished. */
    CANCEL_NOT_ALLOWED,
    /** A shipment update for an order that is not confirmed (or is cancelled). */
    SHIPMENT_NOT_EXPECTED,
    /** The same shipment status again. */
    DUPLICATE_SHIPMENT_UPDATE,
    /** A shipment status behind the one the order already has. */
    SHIPMENT_OUT_OF_ORDER,
    /** A shipment status with no order state (LOST, CANCELLED, UNKNOWN). */
    SHIPMENT_STATUS_NOT_TRACKED,
    /** Validation state left for an order that is no longer waiting for checks. */
    STALE_VALIDATION,
    /** The record key is not the orderId of the value (wrong partition for co-partitioning). */
    KEY_MISMATCH,
    /** A null value or a record type the processor does not handle. */
    UNSUPPORTED_EVENT
}
