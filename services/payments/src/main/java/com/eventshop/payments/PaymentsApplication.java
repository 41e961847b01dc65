package com.eventshop.payments;

import com.eventshop.platform.kafka.streams.EnableEventshopStreams;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Payments: authorisation and refunds through a payment-provider adapter, once per order. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableEventshopStreams
public class PaymentsApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(PaymentsApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "payments"));
        application.run(args);
    }
}
