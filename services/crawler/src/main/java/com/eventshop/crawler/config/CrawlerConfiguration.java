package com.eventshop.crawler.config;

import com.eventshop.crawler.fetch.HttpFetcher;
import com.eventshop.crawler.streams.CrawlerTopology;
import com.eventshop.platform.kafka.streams.EventshopTopology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/** The HTTP fetcher and the crawler's topology. */
@Configuration(proxyBeanMethods = false)
public class CrawlerConfiguration {

    @Bean(destroyMethod = "close")
    HttpFetcher httpFetcher(CrawlerProperties properties) {
        return new HttpFetcher(properties.connectTimeout(), properties.fetchTimeout());
    }

    /**
     * A stopped instance leaves the group at once, so its hosts move to the others (or to its
     * restart) without waiting out the session timeout: a crawl pauses for seconds, not longer.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer crawlerLeavesGroupOnClose() {
        return factoryBean -> factoryBean.setLeaveGroupOnClose(true);
    }

    @Bean
    EventshopTopology crawlerTopology(CrawlerProperties properties, HttpFetcher fetcher) {
        CrawlerTopology.Config config = new CrawlerTopology.Config(properties.minDelay(), properties.maxDelay(),
                properties.tick(), properties.fetchTimeout(), properties.maxPageSize().toBytes(),
                properties.maxParallelFetches(), properties.maxUrlsPerShape(), properties.persistentStores());
        return (builder, settings) -> CrawlerTopology.define(builder, config, fetcher);
    }
}
