package com.eventshop.shipping.config;

import com.eventshop.platform.kafka.streams.EventshopTopology;
import com.eventshop.platform.kafka.streams.KeyOwnerForwarder;
import com.eventshop.platform.kafka.streams.StoreQueries;
import com.eventshop.platform.kafka.streams.StoreUnavailable;
import com.eventshop.platform.security.ServiceTokens;
import com.eventshop.shipping.streams.internal.ShipmentRecord;
import com.eventshop.shipping.domain.Carrier;
import com.eventshop.shipping.domain.ShipmentDesk;
import com.eventshop.shipping.domain.SimulatedCarrier;
import com.eventshop.shipping.domain.WebhookAuthenticator;
import com.eventshop.shipping.streams.ShippingTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import tools.jackson.databind.json.JsonMapper;

/** The carrier adapter, the webhook authenticator, shipping's topology and queries of its shipments. */
@Configuration(proxyBeanMethods = false)
public class ShippingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ShippingConfiguration.class);

    /** The simulated carrier, unless a real adapter is configured as a Carrier bean. */
    @Bean
    @ConditionalOnMissingBean(Carrier.class)
    Carrier simulatedCarrier(ShippingProperties properties) {
        SimulatedCarrier carrier = new SimulatedCarrier(properties.simulated().stepInterval());
        log.info("Using the {}", carrier);
        return carrier;
    }

    @Bean
    ShipmentDesk shipmentDesk(Carrier carrier) {
        return new ShipmentDesk(carrier);
    }

    @Bean
    WebhookAuthenticator webhookAuthenticator(ShippingProperties properties) {
        return new WebhookAuthenticator(properties.webhook().secret(), properties.webhook().tolerance());
    }

    @Bean
    EventshopTopology shippingTopology(Carrier carrier, ShippingProperties properties) {
        ShippingTopology.Config config = new ShippingTopology.Config(carrier, properties.checkInterval(), true);
        return (builder, settings) -> ShippingTopology.define(builder, config);
    }

    /** Shipments, from this instance's store or forwarded to the instance that owns the order. */
    @Bean
    StoreQueries<ShipmentRecord> shipmentQueries(StreamsBuilderFactoryBean factory,
            KafkaStreamsInteractiveQueryService iq, ServiceTokens tokens, JsonMapper json) {
        return StoreQueries.of(ShippingTopology.SHIPMENTS_STORE, factory, iq, new KeyOwnerForwarder(
                KeyOwnerForwarder.DEFAULT_CONNECT_TIMEOUT, KeyOwnerForwarder.DEFAULT_READ_TIMEOUT, tokens, json,
                new StoreUnavailable("Shipment temporarily unavailable")));
    }
}
