package com.eventshop.inventory.streams;

import com.eventshop.contracts.Topics;
import java.time.Duration;

/**
 * Settings of the inventory topology.
 *
 * @param partitions            partitions of the internal repartition topics; must equal the order
 *                              topics' and inventory.adjustments' count (co-partitioning)
 * @param reservationRetention  how long a finished order's reservation state is kept (it guards
 *                              against late duplicates) before it is purged
 * @param purgeInterval         how often (wall clock) finished reservations and old adjustment
 *                              ids are purged
 * @param adjustmentDedupRetention how long an applied adjustmentId is remembered, so a repeated
 *                              StockAdjusted (a retried PUT with the same Idempotency-Key) is ignored
 * @param persistentStores      RocksDB stores (true) or in-memory stores (tests, demos)
 * @param stockPublishInterval  how often (wall clock) the latest Stock of every product changed
 *                              since the last publish is written to inventory.stock; a hot product
 *                              reserved thousands of times a second is published once per interval
 */
public record InventoryTopologyConfig(int partitions, Duration reservationRetention,
                                      Duration purgeInterval, Duration adjustmentDedupRetention,
                                      boolean persistentStores, Duration stockPublishInterval) {

    public InventoryTopologyConfig {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
        if (reservationRetention.isNegative() || adjustmentDedupRetention.isNegative()
                || purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("retention must be >= 0 and purge interval > 0");
        }
        if (stockPublishInterval.isNegative() || stockPublishInterval.isZero()) {
            throw new IllegalArgumentException("stock publish interval must be > 0");
        }
    }

    public static InventoryTopologyConfig defaults() {
        return new InventoryTopologyConfig(Topics.ORDER_PARTITIONS, Duration.ofDays(7),
                Duration.ofHours(1), Duration.ofDays(1), true, DEFAULT_STOCK_PUBLISH_INTERVAL);
    }

    /** inventory.stock lags the store by at most this (plus a commit); see stockPublishInterval. */
    public static final Duration DEFAULT_STOCK_PUBLISH_INTERVAL = Duration.ofMillis(200);

    public InventoryTopologyConfig withPersistentStores(boolean persistent) {
        return new InventoryTopologyConfig(partitions, reservationRetention, purgeInterval,
                adjustmentDedupRetention, persistent, stockPublishInterval);
    }
}
