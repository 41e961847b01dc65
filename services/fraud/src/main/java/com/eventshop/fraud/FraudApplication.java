package com.eventshop.fraud;

import com.eventshop.platform.kafka.streams.EnableEventshopStreams;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Fraud: per-customer windowed rules over requested orders. No API beyond actuator. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableEventshopStreams
public class FraudApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(FraudApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "fraud"));
        application.run(args);
    }
}
