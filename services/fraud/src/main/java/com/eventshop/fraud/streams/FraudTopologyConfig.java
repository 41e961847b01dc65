package com.eventshop.fraud.streams;

import com.eventshop.contracts.Topics;
import com.eventshop.fraud.domain.FraudConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the fraud topology.
 *
 * @param rules            rule thresholds
 * @param partitions       partitions of the orders-by-customer repartition topic
 * @param grace            how much later than the longest rule window orders are still kept,
 *                         for orders that arrive out of order and duplicates
 * @param persistentStores RocksDB stores (true) or in-memory stores (tests, demos)
 */
public record FraudTopologyConfig(FraudConfig rules, int partitions, Duration grace, boolean persistentStores) {

    public FraudTopologyConfig {
        Objects.requireNonNull(rules, "rules");
        if (partitions < 1 || grace.isNegative()) {
            throw new IllegalArgumentException("partitions >= 1 and grace >= 0 required");
        }
    }

    public static FraudTopologyConfig defaults() {
        return new FraudTopologyConfig(FraudConfig.defaults(), Topics.ORDER_PARTITIONS, Duration.ofMinutes(5), true);
    }

    public FraudTopologyConfig withRules(FraudConfig newRules) {
        return new FraudTopologyConfig(newRules, partitions, grace, persistentStores);
    }

    public FraudTopologyConfig withPersistentStores(boolean persistent) {
        return new FraudTopologyConfig(rules, partitions, grace, persistent);
    }
}
