package com.eventshop.shipping;

import com.eventshop.platform.kafka.streams.EnableEventshopStreams;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Shipping: a shipment per confirmed order, moved by a carrier adapter, on shipment.events. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableEventshopStreams
public class ShippingApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ShippingApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "shipping"));
        application.run(args);
    }
}
