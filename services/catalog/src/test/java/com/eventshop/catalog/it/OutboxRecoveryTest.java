package com.eventshop.catalog.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.catalog.outbox.OutboxRelay;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.VersionHeader;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Product;
import com.eventshop.devinfra.TestKafka;
import com.eventshop.orders.domain.CatalogPrices;
import com.eventshop.orders.domain.Price;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Done-when 5: the catalog stops between the database write and the event being published,
 * then starts again: the event arrives (no loss), and a duplicate carries the same version so a
 * reader applying by version takes it once.
 */
class OutboxRecoveryTest {

    @TempDir
    Path temp;

    private static List<ConsumerRecord<String, byte[]>> recordsOf(String key, int atLeast) {
        return TestKafka.read(Topics.CATALOG_PRODUCTS.name(), Duration.ofSeconds(atLeast == 0 ? 2 : 30),
                        rs -> atLeast > 0 && rs.stream().filter(r -> key.equals(r.key())).count() >= atLeast)
                .stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String product(String id) {
        return "{\"id\":\"" + id + "\",\"sku\":\"SKU-" + id + "\",\"name\":\"Crash " + id
                + "\",\"price\":{\"amount\":\"7.50\",\"currency\":\"EUR\"},\"category\":\"tools\"}";
    }

    @Test
    void stoppedAfterTheWriteBeforePublishingThenStartedTheEventArrives() {
        String db = CatalogTestInfra.freshDatabase();
        // First life: the relay does not run, as if the process died right after the commit.
        try (CatalogInstance first = CatalogInstance.start(db, temp.resolve("media"),
                Map.of("eventshop.catalog.outbox.enabled", "false"))) {
            assertThat(Http.post(first.url("/api/catalog/categories"), "{\"slug\":\"tools\",\"name\":\"Tools\"}").status())
                    .isEqualTo(201);
            assertThat(Http.post(first.url("/api/catalog/products"), product("crash-1")).status()).isEqualTo(201);
            assertThat(first.bean(OutboxRelay.class).pending()).isEqualTo(2);
        }
        assertThat(recordsOf("crash-1", 0)).isEmpty();

        // Second life: the relay publishes what the first one left.
        try (CatalogInstance second = CatalogInstance.start(db, temp.resolve("media"), Map.of())) {
            List<ConsumerRecord<String, byte[]>> records = recordsOf("crash-1", 1);
            assertThat(records).hasSize(1);
            assertThat(ContractSerde.of(Product.class).decode(records.get(0).value()).getPriceCents()).isEqualTo(750);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> second.bean(OutboxRelay.class).pending() == 0);
        }
    }

    /** Kafka acknowledged the batch, then the relay "died" before deleting the rows: once. */
    @Configuration(proxyBeanMethods = false)
    static class CrashAfterFirstSend {
        static final AtomicInteger crashes = new AtomicInteger();

        @Bean
        OutboxRelay.AfterSend crashOnce() {
            return sent -> {
                if (crashes.getAndIncrement() == 0) {
                    throw new IllegalStateException("simulated crash after Kafka acknowledged, before the delete");
                }
            };
        }
    }

    @Test
    void aCrashAfterPublishingBeforeTheDeleteRepublishesWithTheSameVersionAndReadersApplyItOnce() {
        String db = CatalogTestInfra.freshDatabase();
        try (CatalogInstance catalog = CatalogInstance.start(db, temp.resolve("media"),
                Map.of("eventshop.catalog.outbox.enabled", "false"))) {
            Http.post(catalog.url("/api/catalog/categories"), "{\"slug\":\"tools\",\"name\":\"Tools\"}");
            assertThat(Http.post(catalog.url("/api/catalog/products"), product("crash-2")).status()).isEqualTo(201);
        }
        try (CatalogInstance catalog = CatalogInstance.start(db, temp.resolve("media"), Map.of(),
                CrashAfterFirstSend.class)) {
            List<ConsumerRecord<String, byte[]>> records = recordsOf("crash-2", 2);
            assertThat(records).hasSize(2);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> catalog.bean(OutboxRelay.class).pending() == 0);
            assertThat(records.get(0).value()).isEqualTo(records.get(1).value());
            assertThat(VersionHeader.of(records.get(0).headers())).isEqualTo(VersionHeader.of(records.get(1).headers()));

            // A reader that applies by version (orders' price table) takes the change once.
            CatalogPrices prices = new CatalogPrices();
            int applied = 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                Product p = ContractSerde.of(Product.class).decode(record.value());
                if (prices.apply(record.key(), p.getVersion(), new Price(p.getPriceCents(), p.getCurrency()))) {
                    applied++;
                }
            }
            assertThat(applied).isEqualTo(1);
            assertThat(prices.priceOf("crash-2")).contains(new Price(750, "EUR"));
        }
    }
}
