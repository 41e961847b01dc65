package com.eventshop.orders.domain;

import java.util.Optional;

/**
 * Where prices come from. Never from the client: the HTTP layer prices every order line from
 * here before writing OrderRequested. The demo implementation is {@link InMemoryPriceList};
 * the catalog replaces it with a table over {@code catalog.products}.
 */
@FunctionalInterface
public interface PriceList {

    /** The current unit price of a product, or empty if it is not sold. */
    Optional<Price> priceOf(String productId);
}
