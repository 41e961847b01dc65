package com.eventshop.orders;

import com.eventshop.orders.config.OrdersProperties;
import com.eventshop.platform.kafka.streams.EnableEventshopStreams;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The orders service: places orders (HTTP), runs the order processor (Kafka Streams) and
 * answers queries from its orders view, forwarding to the instance that owns an order.
 * Configuration lives in {@code orders.properties} ({@code spring.config.name=orders}, so it
 * does not collide with other services run in the same JVM by the launcher).
 */
@SpringBootApplication
@EnableEventshopStreams
@EnableConfigurationProperties(OrdersProperties.class)
public class OrdersApplication {

    public static final String CONFIG_NAME = "orders";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(OrdersApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
