package com.eventshop.inventory.domain;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The products the catalog knows, from its product table ({@code catalog.products}), applied by
 * version: a change is taken only when its version is higher than the one held, so duplicates
 * and replays change nothing, and a delete (tombstone) is remembered with its version so an
 * older update replayed later cannot bring the product back.
 */
public final class CatalogProducts {

    /** What the catalog says of one product. */
    public enum Status {
        /** Never seen, or deleted: stock cannot be set for it. */
        UNKNOWN,
        /** In the catalog but not offered (its stock can still be prepared). */
        INACTIVE,
        /** In the catalog and orderable. */
        ACTIVE
    }

    private record Entry(Status status, long version) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** A product written (created or updated) in the catalog. */
    public boolean put(String productId, long version, boolean active) {
        return apply(productId, version, active ? Status.ACTIVE : Status.INACTIVE);
    }

    /** A product deleted from the catalog (a tombstone with its version). */
    public boolean delete(String productId, long version) {
        return apply(productId, version, Status.UNKNOWN);
    }

    /** @return whether it changed anything (false: a duplicate or an older version) */
    private boolean apply(String productId, long version, Status status) {
        boolean[] applied = {false};
        entries.compute(productId, (id, current) -> {
            if (current != null && current.version() >= version) {
                return current;
            }
            applied[0] = true;
            return new Entry(status, version);
        });
        return applied[0];
    }

    public Status statusOf(String productId) {
        Entry entry = entries.get(productId);
        return entry == null ? Status.UNKNOWN : entry.status();
    }

    /** Whether the catalog has the product (active or not; deleted ones are gone). */
    public boolean knows(String productId) {
        return statusOf(productId) != Status.UNKNOWN;
    }

    /** Whether the product can be ordered (in the catalog and active). */
    public boolean orderable(String productId) {
        return statusOf(productId) == Status.ACTIVE;
    }

    /** The version held for a product (deleted ones included), or -1. */
    public long versionOf(String productId) {
        Entry entry = entries.get(productId);
        return entry == null ? -1 : entry.version();
    }

    /** Products the catalog has now (deleted ones not counted). */
    public long count() {
        return entries.values().stream().filter(e -> e.status() != Status.UNKNOWN).count();
    }
}
