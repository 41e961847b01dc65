package com.eventshop.search;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Search: an embedded Lucene index that is a view of catalog.products, catalog.categories and
 * crawler.pages, answering GET /api/search and /api/search/suggest. No Kafka Streams: a plain
 * consumer stores its offsets in the index's own commits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SearchApplication {

    public static final String CONFIG_NAME = "search";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SearchApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
