package com.eventshop.search.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Settings of the search view ({@code eventshop.search.*}).
 *
 * @param indexDir          where the index generations live (default {@code <data>/state/search},
 *                          which {@code ./eventshop rebuild search} deletes)
 * @param synonyms          the synonyms file (Solr format)
 * @param refreshInterval   how soon a change becomes searchable at most (plus the poll)
 * @param commitInterval    how often the index and its offsets are committed
 * @param ramBufferMb       the writer's buffer while following the topics
 * @param rebuildRamBufferMb the writer's buffer while replaying them
 * @param rebuildTimeout    a rebuild gives up after this long
 */
@ConfigurationProperties("eventshop.search")
public record SearchProperties(Path indexDir, Resource synonyms, Duration refreshInterval, Duration commitInterval,
                               Double ramBufferMb, Double rebuildRamBufferMb, Duration rebuildTimeout) {
}
