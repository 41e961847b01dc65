package com.eventshop.orders.domain;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices from the catalog's product table ({@code catalog.products}), applied by version: a
 * change is taken only when its version is higher than the one held, so duplicates and replays
 * change nothing, and a delete (tombstone) is remembered with its version so an older update
 * replayed later cannot bring the product back. Unknown, deleted and inactive products have no
 * price.
 */
public final class CatalogPrices implements PriceList {

    /** What is known of one product: its price (null when deleted or inactive) and version. */
    private record Entry(Price price, long version) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * Applies one change.
     *
     * @param price   the new price, or null for a delete or an inactive product
     * @return whether it changed anything (false: a duplicate or an older version)
     */
    public boolean apply(String productId, long version, Price price) {
        boolean[] applied = {false};
        entries.compute(productId, (id, current) -> {
            if (current != null && current.version() >= version) {
                return current;
            }
            applied[0] = true;
            return new Entry(price, version);
        });
        return applied[0];
    }

    @Override
    public Optional<Price> priceOf(String productId) {
        Entry entry = entries.get(productId);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.price());
    }

    /** The version held for a product (deleted ones included), or -1. */
    public long versionOf(String productId) {
        Entry entry = entries.get(productId);
        return entry == null ? -1 : entry.version();
    }

    public int size() {
        return entries.size();
    }
}
