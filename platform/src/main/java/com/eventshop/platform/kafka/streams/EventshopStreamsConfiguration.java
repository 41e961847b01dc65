package com.eventshop.platform.kafka.streams;

import com.eventshop.platform.kafka.DeadLetterPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsCustomizer;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.util.StringUtils;

/**
 * The Kafka Streams wiring of a service that uses {@link EnableEventshopStreams}. It imports
 * spring-kafka's {@link KafkaStreamsDefaultConfiguration} (what {@code @EnableKafkaStreams} does),
 * so Boot's auto-configuration supplies the {@code defaultKafkaStreamsConfig} from
 * {@code spring.kafka.streams.*}, and adds the Eventshop parts on top.
 */
@Configuration(proxyBeanMethods = false)
@Import(KafkaStreamsDefaultConfiguration.class)
public class EventshopStreamsConfiguration {

    @Bean
    StreamsSettings eventshopStreamsSettings(@Value("${spring.application.name:}") String serviceName,
            @Qualifier(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
            KafkaStreamsConfiguration config, DeadLetterPublisher deadLetters) {
        if (!StringUtils.hasText(serviceName)) {
            throw new IllegalStateException("A service with @EnableEventshopStreams must set spring.application.name:"
                    + " it names the Streams application id, its state directory and its dead-letter topic");
        }
        Map<String, Object> effective = new LinkedHashMap<>();
        config.asProperties().forEach((k, v) -> effective.put(k.toString(), v));
        return new StreamsSettings(serviceName, deadLetters.topic(), effective);
    }

    @Bean
    StreamsBuilderFactoryBeanConfigurer eventshopStreamsBuilderConfigurer(ObjectProvider<EventshopTopology> topologies,
            ObjectProvider<StreamsSettings> settings, ObjectProvider<DeadLetterPublisher> deadLetters) {
        return new StreamsBuilderFactoryBeanConfigurer() {
            @Override
            public void configure(StreamsBuilderFactoryBean factoryBean) {
                factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                    @Override
                    public void configureBuilder(StreamsBuilder builder) {
                        StreamsSettings streamsSettings = settings.getObject();
                        topologies.orderedStream().forEach(t -> t.define(builder, streamsSettings));
                    }
                });
                factoryBean.setKafkaStreamsCustomizer(new KafkaStreamsCustomizer() {
                    @Override
                    public KafkaStreams initKafkaStreams(Topology topology, Properties properties,
                            KafkaClientSupplier clientSupplier) {
                        Properties withPublisher = new Properties();
                        withPublisher.putAll(properties);
                        withPublisher.put(DeadLetterDeserializationExceptionHandler.PUBLISHER_CONFIG,
                                deadLetters.getObject());
                        return new KafkaStreams(topology, withPublisher, clientSupplier);
                    }

                    @Override
                    public void customize(KafkaStreams kafkaStreams) {
                    }
                });
            }

            @Override
            public int getOrder() {
                return Ordered.LOWEST_PRECEDENCE;
            }
        };
    }

    /**
     * With {@code server.port=0} the advertised {@code application.server} port is only known once
     * the web server is bound; the web server starts before Kafka Streams (an earlier lifecycle
     * phase), so the bound port is filled in here, in time for KafkaStreams and for
     * {@link KafkaStreamsInteractiveQueryService#getCurrentKafkaStreamsApplicationHostInfo()}.
     */
    @Bean
    ApplicationListener<WebServerInitializedEvent> eventshopStreamsApplicationServer(
            ObjectProvider<StreamsBuilderFactoryBean> factories) {
        return event -> {
            if (StringUtils.hasText(WebServerApplicationContext.getServerNamespace(event.getApplicationContext()))) {
                return; // the management server, not the API
            }
            int port = event.getWebServer().getPort();
            factories.orderedStream().forEach(factory -> {
                Properties props = factory.getStreamsConfiguration();
                if (props == null) {
                    return;
                }
                Object server = props.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
                if (server != null && server.toString().endsWith(":0")) {
                    String host = server.toString().substring(0, server.toString().length() - 2);
                    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host + ":" + port);
                    factory.setStreamsConfiguration(props);
                }
            });
        };
    }

    /** Finds the local state store or the instance that owns a key (interactive queries). */
    @Bean
    KafkaStreamsInteractiveQueryService eventshopInteractiveQueryService(StreamsBuilderFactoryBean factoryBean) {
        return new KafkaStreamsInteractiveQueryService(factoryBean);
    }
}
