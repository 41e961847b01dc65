package com.eventshop.platform.kafka.streams;

import org.apache.kafka.streams.StreamsBuilder;

/**
 * A part of a service's Kafka Streams topology. Declare one or more as beans in a service that
 * uses {@link EnableEventshopStreams}; each is applied to the service's single
 * {@link StreamsBuilder} (in {@code @Order}) before the topology is built and started.
 *
 * <pre>{@code
 * @Bean
 * EventshopTopology ordersView() {
 *     return (builder, settings) -> builder
 *             .stream(Topics.ORDER_REQUESTED.name(),
 *                     Consumed.with(Serdes.String(), ContractSerde.forTopic(Topics.ORDER_REQUESTED)))
 *             ...
 * }
 * }</pre>
 *
 * A topology bean must not itself depend on the {@code StreamsBuilder} (that is the builder it
 * is called with); a service that prefers plain spring-kafka style may instead inject the
 * {@code StreamsBuilder} into a {@code @Bean} method.
 */
@FunctionalInterface
public interface EventshopTopology {

    void define(StreamsBuilder builder, StreamsSettings settings);
}
