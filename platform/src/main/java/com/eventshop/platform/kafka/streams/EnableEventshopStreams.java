package com.eventshop.platform.kafka.streams;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Opts a service into Kafka Streams: the platform then creates the service's
 * {@code StreamsBuilderFactoryBean} (spring-kafka's {@code @EnableKafkaStreams} wiring, configured
 * from {@code spring.kafka.streams.*} and the Eventshop defaults: exactly_once_v2, state under
 * {@code EVENTSHOP_DATA_DIR}, dead letters to {@code dlt.<service>}), builds the topology from every
 * {@link EventshopTopology} bean, exposes {@link StreamsSettings} and a
 * {@code KafkaStreamsInteractiveQueryService}, and lets the Streams state drive readiness.
 *
 * <pre>{@code
 * @SpringBootApplication
 * @EnableEventshopStreams
 * public class OrdersApplication { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(EventshopStreamsConfiguration.class)
public @interface EnableEventshopStreams {
}
