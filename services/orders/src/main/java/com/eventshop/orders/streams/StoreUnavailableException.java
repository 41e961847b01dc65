package com.eventshop.orders.streams;

/** The orders view cannot be queried right now (starting, rebalancing, restoring, stopped). */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
