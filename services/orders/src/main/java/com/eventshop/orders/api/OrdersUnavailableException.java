package com.eventshop.orders.api;

/** A query cannot be answered now (the owner is unreachable, or the view is rebalancing): 503. */
public class OrdersUnavailableException extends RuntimeException {

    private final boolean retryable;

    public OrdersUnavailableException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether the answer says Retry-After (rebalancing passes; a dead owner may take longer). */
    public boolean retryable() {
        return retryable;
    }
}
