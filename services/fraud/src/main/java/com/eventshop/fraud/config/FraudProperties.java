package com.eventshop.fraud.config;

import com.eventshop.contracts.Topics;
import com.eventshop.fraud.domain.FraudConfig;
import com.eventshop.fraud.streams.FraudTopologyConfig;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code eventshop.fraud.*}.
 *
 * @param maxOrdersPerWindow more orders of one customer than this within {@code velocityWindow} fail
 * @param velocityWindow     window of the velocity rule
 * @param maxAmountCents     a higher total of one customer's orders within {@code amountWindow} fails
 * @param amountWindow       window of the amount rule
 * @param grace              how much longer than the longest window orders are kept (late and repeated orders)
 * @param partitions         partitions of the orders-by-customer repartition topic; unset, the order topics' count
 */
@ConfigurationProperties("eventshop.fraud")
public record FraudProperties(
        @DefaultValue("20") int maxOrdersPerWindow,
        @DefaultValue("1m") Duration velocityWindow,
        @DefaultValue("500000") long maxAmountCents,
        @DefaultValue("10m") Duration amountWindow,
        @DefaultValue("5m") Duration grace,
        Integer partitions) {

    public FraudTopologyConfig topologyConfig() {
        return new FraudTopologyConfig(new FraudConfig(maxOrdersPerWindow, velocityWindow, maxAmountCents, amountWindow),
                partitions == null ? Topics.ORDER_PARTITIONS : partitions, grace, true);
    }
}
