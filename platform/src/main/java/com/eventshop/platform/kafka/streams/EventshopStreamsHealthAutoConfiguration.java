package com.eventshop.platform.kafka.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** The {@code kafkaStreams} health contributor, part of the readiness group of every service. */
@AutoConfiguration
@ConditionalOnClass({KafkaStreams.class, StreamsBuilderFactoryBean.class, HealthIndicator.class})
public class EventshopStreamsHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "kafkaStreamsHealthIndicator")
    KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(ObjectProvider<StreamsBuilderFactoryBean> factories) {
        return new KafkaStreamsHealthIndicator(factories);
    }
}
