package com.eventshop.catalog;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Catalog: categories, products and product images in its own PostgreSQL database and media
 * storage; every change reaches catalog.products / catalog.categories through a transactional
 * outbox. No Kafka Streams.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CatalogApplication {

    public static final String CONFIG_NAME = "catalog";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CatalogApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
