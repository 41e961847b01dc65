package com.eventshop.ops;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Ops: what the operations console shows (health, topic rates and lag, live events, emails, breakers). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OpsApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(OpsApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "ops"));
        application.run(args);
    }
}
