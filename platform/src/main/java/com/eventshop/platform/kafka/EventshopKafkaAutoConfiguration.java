package com.eventshop.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Dead letters for every service: a {@link DeadLetterPublisher} for {@code dlt.<service>} and,
 * for {@code @KafkaListener} containers, a {@link DefaultErrorHandler} that retries a failing
 * record twice (deserialisation failures not at all) and then dead-letters it, so one bad record
 * never blocks a partition. Runs after Boot's Kafka auto-configuration so that the service still
 * gets Boot's KafkaTemplate and factories; the dead-letter template is deliberately not a bean.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
public class EventshopKafkaAutoConfiguration {

    /** Retries of a record whose listener threw, before it goes to the dead-letter topic. */
    static final long LISTENER_RETRIES = 2;
    static final long LISTENER_RETRY_INTERVAL_MS = 200;

    @Bean
    @ConditionalOnMissingBean
    DeadLetterPublisher eventshopDeadLetterPublisher(KafkaProperties properties,
            KafkaConnectionDetails connectionDetails, ObjectProvider<ProducerFactory<?, ?>> producerFactory,
            Environment environment) {
        // lenient: a context without spring.application.name still starts (the platform warns)
        String deadLetterTopic = environment.resolvePlaceholders("${eventshop.kafka.dead-letter-topic}");
        // Same connection (servers, TLS, SASL) as the service's own producers.
        ProducerFactory<?, ?> factory = producerFactory.getIfUnique();
        Map<String, Object> producer;
        if (factory != null) {
            producer = new HashMap<>(factory.getConfigurationProperties());
        } else {
            producer = properties.buildProducerProperties();
            producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    connectionDetails.getProducer().getBootstrapServers());
        }
        return new DeadLetterPublisher(deadLetterTopic, producer);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler eventshopKafkaErrorHandler(DeadLetterPublisher deadLetters) {
        return new DefaultErrorHandler(deadLetters.recoverer(),
                new FixedBackOff(LISTENER_RETRY_INTERVAL_MS, LISTENER_RETRIES));
    }
}
