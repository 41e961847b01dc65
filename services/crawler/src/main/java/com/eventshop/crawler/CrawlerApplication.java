package com.eventshop.crawler;

import com.eventshop.platform.kafka.streams.EnableEventshopStreams;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Crawler: crawl jobs, a frontier in Kafka partitioned by host, robots.txt politeness, pages on crawler.pages. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableEventshopStreams
public class CrawlerApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CrawlerApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "crawler"));
        application.run(args);
    }
}
