package com.eventshop.search.config;

import com.eventshop.platform.kafka.DeadLetterPublisher;
import com.eventshop.search.feed.SearchView;
import com.eventshop.search.index.Analyzers;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the search view: analyzers with the synonyms file, the index under the data directory, its feed. */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    @Bean
    Analyzers searchAnalyzers(SearchProperties properties) {
        try (Reader synonyms = new InputStreamReader(properties.synonyms().getInputStream(), StandardCharsets.UTF_8)) {
            return Analyzers.withSynonyms(synonyms);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the synonyms file " + properties.synonyms(), e);
        }
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    SearchView searchView(SearchProperties properties, Analyzers analyzers, KafkaProperties kafka,
                          DeadLetterPublisher deadLetters) {
        return new SearchView(new SearchView.Settings(properties.indexDir(), kafka.buildConsumerProperties(), properties.refreshInterval(),
                properties.commitInterval(), properties.ramBufferMb(), properties.rebuildRamBufferMb(),
                properties.rebuildTimeout()), analyzers, deadLetters);
    }

    /** Ready once the index has read the topics as they were at start-up. */
    @Bean
    HealthIndicator searchIndex(SearchView view) {
        return () -> (view.caughtUp() ? Health.up() : Health.outOfService().withDetail("reason", "catching up"))
                .withDetail("documents", view.documents()).build();
    }
}
