package com.eventshop.inventory.config;

import com.eventshop.contracts.Topics;
import com.eventshop.inventory.streams.InventoryTopologyConfig;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code eventshop.inventory.*}.
 *
 * @param seedDemoStock            publish the demo stock on start (only products without stock get it)
 * @param partitions               partitions of the internal repartition topics; unset, the order topics' count
 * @param reservationRetention     how long finished reservations are kept against late duplicates
 * @param adjustmentDedupRetention how long an applied adjustment id (Idempotency-Key) is remembered
 * @param purgeInterval            how often the two are purged
 * @param forwardTimeout           timeout of a query forwarded to the instance that owns a product
 * @param stockPublishInterval     how often the products changed since the last publish go to inventory.stock
 */
@ConfigurationProperties("eventshop.inventory")
public record InventoryProperties(
        @DefaultValue("false") boolean seedDemoStock,
        Integer partitions,
        @DefaultValue("7d") Duration reservationRetention,
        @DefaultValue("1d") Duration adjustmentDedupRetention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("2s") Duration forwardTimeout,
        @DefaultValue("200ms") Duration stockPublishInterval) {

    public InventoryTopologyConfig topologyConfig() {
        return new InventoryTopologyConfig(partitions == null ? Topics.ORDER_PARTITIONS : partitions,
                reservationRetention, purgeInterval,
                adjustmentDedupRetention, true, stockPublishInterval);
    }
}
