package com.eventshop.inventory.config;

import com.eventshop.contracts.tables.Stock;
import com.eventshop.inventory.streams.InventoryTopology;
import com.eventshop.platform.kafka.streams.EventshopTopology;
import com.eventshop.platform.kafka.streams.KeyOwnerForwarder;
import com.eventshop.platform.kafka.streams.StoreQueries;
import com.eventshop.platform.kafka.streams.StoreUnavailable;
import com.eventshop.platform.security.ServiceTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import tools.jackson.databind.json.JsonMapper;

/** Inventory's topology on the service's StreamsBuilder (the same one the tests build), and queries of its stock. */
@Configuration(proxyBeanMethods = false)
public class InventoryStreamsConfiguration {

    @Bean
    EventshopTopology inventoryTopology(InventoryProperties properties) {
        return (builder, settings) -> InventoryTopology.define(builder, properties.topologyConfig());
    }

    /** The stock of a product, from this instance's store or forwarded to the instance that owns it. */
    @Bean
    StoreQueries<Stock> stockQueries(StreamsBuilderFactoryBean factory, KafkaStreamsInteractiveQueryService iq,
            InventoryProperties properties, ServiceTokens tokens, JsonMapper json) {
        return StoreQueries.of(InventoryTopology.STOCK_STORE, factory, iq, new KeyOwnerForwarder(
                properties.forwardTimeout(), properties.forwardTimeout(), tokens, json,
                new StoreUnavailable("Stock temporarily unavailable")));
    }
}
