package com.eventshop.inventory.config;

import com.eventshop.inventory.streams.InventoryTopology;
import com.eventshop.platform.kafka.streams.EventshopTopology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Inventory's topology on the service's StreamsBuilder: the same one the tests build. */
@Configuration(proxyBeanMethods = false)
public class InventoryStreamsConfiguration {

    @Bean
    EventshopTopology inventoryTopology(InventoryProperties properties) {
        return (builder, settings) -> InventoryTopology.define(builder, properties.topologyConfig());
    }
}
