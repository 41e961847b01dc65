package com.eventshop.inventory.domain;

import java.util.Objects;

/** What the per-order logic asks the stock of one product to do for one order. */
public record StockInstruction(Kind kind, String orderId, String productId, int quantity) {

    public enum Kind {
        /** available -&gt; reserved, if enough is available; answered with a {@link ReservationOutcome}. */
        RESERVE,
        /** reserved -&gt; available. */
        RELEASE,
        /** reserved -&gt; sold. */
        SELL,
        /** sold -&gt; available. */
        RESTOCK
    }

    public StockInstruction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(productId, "productId");
    }

    public static StockInstruction reserve(String orderId, String productId, int quantity) {
        return new StockInstruction(Kind.RESERVE, orderId, productId, quantity);
    }

    public static StockInstruction release(String orderId, String productId, int quantity) {
        return new StockInstruction(Kind.RELEASE, orderId, productId, quantity);
    }

    public static StockInstruction sell(String orderId, String productId, int quantity) {
        return new StockInstruction(Kind.SELL, orderId, productId, quantity);
    }

    public static StockInstruction restock(String orderId, String productId, int quantity) {
        return new StockInstruction(Kind.RESTOCK, orderId, productId, quantity);
    }
}
