package com.eventshop.crawler.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code eventshop.crawler.*}.
 *
 * @param minDelay           shortest gap between two requests to one host (robots.txt Crawl-delay may lengthen it)
 * @param maxDelay           longest Crawl-delay or Retry-After honoured
 * @param tick               how often (wall clock) hosts that are due are looked for
 * @param connectTimeout     time limit to connect
 * @param fetchTimeout       time limit of one request
 * @param maxPageSize        larger pages are counted as bad and skipped
 * @param maxParallelFetches hosts fetched at the same time per frontier partition
 * @param maxUrlsPerShape    URLs a job admits per URL shape (digits ignored), against calendar-style traps
 * @param maxSeeds           seeds a job may have
 * @param persistentStores   RocksDB state stores (in-memory only for tests)
 */
@ConfigurationProperties("eventshop.crawler")
public record CrawlerProperties(
        @DefaultValue("1s") Duration minDelay,
        @DefaultValue("30s") Duration maxDelay,
        @DefaultValue("20ms") Duration tick,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("10s") Duration fetchTimeout,
        @DefaultValue("2MB") DataSize maxPageSize,
        @DefaultValue("64") int maxParallelFetches,
        @DefaultValue("200") int maxUrlsPerShape,
        @DefaultValue("100") int maxSeeds,
        @DefaultValue("true") boolean persistentStores) {
}
