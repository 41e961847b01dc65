package com.eventshop.inventory.api;

/**
 * Whether a product exists for the stock admin API: from the catalog's product table
 * ({@code eventshop.inventory.product-source=catalog}) or any product id ({@code any}).
 */
@FunctionalInterface
public interface KnownProducts {

    /** Every product id is accepted (tests and set-ups without a catalog). */
    KnownProducts ANY = productId -> true;

    /**
     * @return whether the product exists
     * @throws com.eventshop.platform.web.ProblemException 503 when that cannot be told yet
     */
    boolean knows(String productId);
}
