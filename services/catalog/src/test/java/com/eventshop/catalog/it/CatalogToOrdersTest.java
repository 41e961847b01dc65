package com.eventshop.catalog.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.devinfra.TestKafka;
import com.eventshop.orders.OrdersApplication;
import com.eventshop.orders.domain.CatalogPrices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Done-when 4: a product update reaches catalog.products and prices the next order; a delete
 * is a tombstone and orders for the product are refused (UNKNOWN_PRODUCT). The real catalog and
 * the real orders service, over Kafka only.
 */
class CatalogToOrdersTest {

    @TempDir
    static Path temp;
    static CatalogInstance catalog;
    static ConfigurableApplicationContext orders;

    @BeforeAll
    static void start() {
        catalog = CatalogInstance.start(CatalogTestInfra.freshDatabase(), temp.resolve("media"), Map.of());
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("spring.kafka.bootstrap-servers", CatalogTestInfra.kafka());
        props.put("spring.kafka.streams.state-dir", temp.resolve("orders-state").toString());
        props.put("eventshop.orders.price-source", "catalog");
        props.put("EVENTSHOP_LOG_FORMAT", "plain");
        // JDBC is on this test's class path for the catalog; orders owns no database (as in the launcher).
        props.put("spring.autoconfigure.exclude", "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
        orders = new SpringApplicationBuilder(OrdersApplication.class).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .registerShutdownHook(false).properties(Map.of("spring.config.name", OrdersApplication.CONFIG_NAME))
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        // Ready: Kafka Streams running and catalog.products read to its end.
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(ordersUrl("/actuator/health/readiness")).status() == 200);
    }

    @AfterAll
    static void stop() {
        if (orders != null) {
            orders.close();
        }
        if (catalog != null) {
            catalog.close();
        }
    }

    private static String ordersUrl(String path) {
        return "http://localhost:" + ((WebServerApplicationContext) orders).getWebServer().getPort() + path;
    }

    /** Places an order; a 503 (the orders view still rebalancing) writes nothing and is retried. */
    private static Http.Response place(String productId) {
        Http.Response[] response = new Http.Response[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> (response[0] = placeOnce(productId)).status() != 503);
        return response[0];
    }

    private static Http.Response placeOnce(String productId) {
        String body = "{\"customerId\":\"c-cat\",\"lines\":[{\"productId\":\"" + productId + "\",\"quantity\":2}],"
                + "\"shippingAddress\":{\"name\":\"Ada\",\"street\":\"1 Main St\",\"city\":\"Lyon\",\"postalCode\":\"69001\",\"country\":\"FR\"}}";
        return Http.sendWithHeader(ordersUrl("/api/orders"), body, "Idempotency-Key", UUID.randomUUID().toString());
    }

    private static long unitPriceOf(String orderId) {
        List<ConsumerRecord<String, byte[]>> records = TestKafka.read(Topics.ORDER_REQUESTED.name(), Duration.ofSeconds(30),
                rs -> rs.stream().anyMatch(r -> orderId.equals(r.key())));
        ConsumerRecord<String, byte[]> record = records.stream().filter(r -> orderId.equals(r.key())).findFirst().orElseThrow();
        OrderRequested requested = (OrderRequested) ContractSerde.forTopic(Topics.ORDER_REQUESTED).decode(record.value());
        return requested.getLines().get(0).getUnitPriceCents();
    }

    @Test
    void aPriceUpdatePricesTheNextOrderAndADeleteGetsOrdersRefused() {
        CatalogPrices prices = orders.getBean(CatalogPrices.class);
        Http.post(catalog.url("/api/catalog/categories"), "{\"slug\":\"lamps\",\"name\":\"Lamps\"}");
        String product = "{\"id\":\"lamp-1\",\"sku\":\"SKU-LAMP-1\",\"name\":\"Desk Lamp\",\"price\":{\"amount\":\"%s\","
                + "\"currency\":\"EUR\"},\"category\":{\"slug\":\"lamps\"}}";
        assertThat(Http.post(catalog.url("/api/catalog/products"), product.formatted("19.99")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> prices.versionOf("lamp-1") == 1);
        Http.Response first = place("lamp-1");
        assertThat(first.status()).isEqualTo(202);
        assertThat(unitPriceOf(first.json().get("orderId").asString())).isEqualTo(1999);

        assertThat(Http.put(catalog.url("/api/catalog/products/lamp-1"), product.formatted("24.50")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> prices.versionOf("lamp-1") == 2);
        Http.Response second = place("lamp-1");
        assertThat(second.status()).isEqualTo(202);
        assertThat(unitPriceOf(second.json().get("orderId").asString())).isEqualTo(2450);

        // Inactive: not sold.
        assertThat(Http.put(catalog.url("/api/catalog/products/lamp-1"),
                product.formatted("24.50").replace("}}", "},\"active\":false}")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> prices.versionOf("lamp-1") == 3);
        assertThat(place("lamp-1").status()).isEqualTo(422);

        assertThat(Http.delete(catalog.url("/api/catalog/products/lamp-1")).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> prices.versionOf("lamp-1") == 4);
        Http.Response refused = place("lamp-1");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:eventshop:problem:unknown-product");
        assertThat(refused.text()).contains("lamp-1");
    }
}
