package com.eventshop.notifications;

import com.eventshop.platform.kafka.streams.EnableEventshopStreams;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Notifications: one email per order event through SMTP, recorded on notifications.sent. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableEventshopStreams
public class NotificationsApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(NotificationsApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "notifications"));
        application.run(args);
    }
}
