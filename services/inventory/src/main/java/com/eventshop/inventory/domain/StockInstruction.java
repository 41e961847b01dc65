package com.eventshop.inventory.domain;

import java.util.Objects;

/**
 * What the per-order logic asks the stock of one product to do for one order.
 *
 * @param answersOrder for a RESERVE of an order with a single product: the stock side answers the
 *                     order itself with its InventoryChecked (one hop less than gathering the
 *                     outcome on the order side first)
 */
public record StockInstruction(Kind kind, String orderId, String productId, int quantity, boolean answersOrder) {

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
        if (answersOrder && kind != Kind.RESERVE) {
            throw new IllegalArgumentException("only a RESERVE answers an order");
        }
    }

    public StockInstruction(Kind kind, String orderId, String productId, int quantity) {
        this(kind, orderId, productId, quantity, false);
    }

    public static StockInstruction reserve(String orderId, String productId, int quantity) {
        return new StockInstruction(Kind.RESERVE, orderId, productId, quantity);
    }

    /** RESERVE the only product of an order; the stock side answers the order's check itself. */
    public static StockInstruction reserveAndAnswer(String orderId, String productId, int quantity) {
        return new StockInstruction(Kind.RESERVE, orderId, productId, quantity, true);
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
