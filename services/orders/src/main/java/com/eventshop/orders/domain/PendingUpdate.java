package com.eventshop.orders.domain;

/** What happens to an order's pending validation after an event. */
public sealed interface PendingUpdate {

    PendingUpdate KEEP = new Keep();
    PendingUpdate CLEAR = new Clear();

    static PendingUpdate save(PendingValidation pending) {
        return new Save(pending);
    }

    /** Left as it is. */
    record Keep() implements PendingUpdate {
    }

    /** Stored (created or changed). */
    record Save(PendingValidation pending) implements PendingUpdate {
    }

    /** Removed: the order is decided (or will never be), nothing is pending any more. */
    record Clear() implements PendingUpdate {
    }
}
