package com.eventshop.inventory;

import com.eventshop.platform.kafka.streams.EnableEventshopStreams;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Inventory: stock levels and all-or-nothing reservations in Kafka Streams state stores. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableEventshopStreams
public class InventoryApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(InventoryApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "inventory"));
        application.run(args);
    }
}
