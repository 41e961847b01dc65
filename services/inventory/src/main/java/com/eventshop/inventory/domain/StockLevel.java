package com.eventshop.inventory.domain;

import java.util.Objects;

/**
 * Stock of one product: what can still be reserved ({@code available}), what is held for orders
 * in flight ({@code reserved}) and what went to confirmed orders ({@code sold}). Every operation
 * moves units between the three buckets, so their sum only changes when an admin sets the
 * available stock: {@code available + reserved + sold} is the stock ever made available.
 */
public record StockLevel(String productId, int available, int reserved, int sold) {

    public StockLevel {
        Objects.requireNonNull(productId, "productId");
    }

    /** A product inventory knows of, with nothing in stock yet. */
    public static StockLevel empty(String productId) {
        return new StockLevel(productId, 0, 0, 0);
    }

    /** Units held in any bucket: the stock ever made available. */
    public long total() {
        return (long) available + reserved + sold;
    }

    /** The admin sets the available stock; reservations and sales stay as they are. */
    public StockLevel withAvailable(int newAvailable) {
        if (newAvailable < 0) {
            throw new IllegalArgumentException("available must be >= 0, was " + newAvailable);
        }
        return new StockLevel(productId, newAvailable, reserved, sold);
    }

    public boolean canReserve(int quantity) {
        return quantity > 0 && available >= quantity;
    }

    /** available -&gt; reserved. */
    public StockLevel reserve(int quantity) {
        if (!canReserve(quantity)) {
            throw new IllegalStateException("Cannot reserve " + quantity + " of " + productId
                    + ", available " + available);
        }
        return new StockLevel(productId, available - quantity, reserved + quantity, sold);
    }

    /** reserved -&gt; available (a reservation is given back). */
    public StockLevel release(int quantity) {
        return new StockLevel(productId, available + quantity, reserved - quantity, sold);
    }

    /** reserved -&gt; sold (the order was confirmed). */
    public StockLevel sell(int quantity) {
        return new StockLevel(productId, available, reserved - quantity, sold + quantity);
    }

    /** sold -&gt; available (a confirmed order was cancelled before it shipped). */
    public StockLevel restock(int quantity) {
        return new StockLevel(productId, available + quantity, reserved, sold - quantity);
    }

    /** True when no bucket is negative (it never should be). */
    public boolean consistent() {
        return available >= 0 && reserved >= 0 && sold >= 0;
    }
}
