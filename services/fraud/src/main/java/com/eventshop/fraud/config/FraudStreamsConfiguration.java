package com.eventshop.fraud.config;

import com.eventshop.fraud.domain.FraudRules;
import com.eventshop.fraud.streams.FraudTopology;
import com.eventshop.fraud.streams.FraudTopologyConfig;
import com.eventshop.platform.kafka.streams.EventshopTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Fraud's topology on the service's StreamsBuilder: the same one the tests build. */
@Configuration(proxyBeanMethods = false)
public class FraudStreamsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FraudStreamsConfiguration.class);

    @Bean
    EventshopTopology fraudTopology(FraudProperties properties) {
        FraudTopologyConfig config = properties.topologyConfig();
        log.info("Fraud rules: {}", FraudRules.from(config.rules()).rules());
        return (builder, settings) -> FraudTopology.define(builder, config);
    }
}
