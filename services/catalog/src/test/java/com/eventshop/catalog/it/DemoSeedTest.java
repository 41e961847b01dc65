package com.eventshop.catalog.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Product;
import com.eventshop.devinfra.TestKafka;
import com.eventshop.orders.domain.InMemoryPriceList;
import com.eventshop.orders.domain.Price;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The demo catalog on a first start: 50 products in at least 6 categories, each with a picture. */
class DemoSeedTest {

    @TempDir
    Path temp;

    @Test
    void aFirstStartSeedsTheDemoCatalogWithTheDemoPricesOnceAndPublishesIt() {
        String db = CatalogTestInfra.freshDatabase();
        try (CatalogInstance catalog = CatalogInstance.start(db, temp.resolve("media"),
                Map.of("eventshop.catalog.seed-demo", "true"))) {
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> Http.get(catalog.url("/actuator/health/readiness")).status() == 200);
            JsonNode page = Http.get(catalog.url("/api/catalog/products?size=100")).json();
            assertThat(page.get("total").asLong()).isEqualTo(50);
            Set<String> categories = new HashSet<>();
            for (JsonNode item : page.get("items")) {
                categories.add(item.get("category").get("slug").asString());
                assertThat(item.get("imageUrl").isNull()).as(item.get("id").asString()).isFalse();
                Http.Response picture = Http.get(catalog.url(item.get("imageUrl").asString()));
                assertThat(picture.status()).isEqualTo(200);
                assertThat(picture.contentType()).isEqualTo("image/jpeg");
            }
            assertThat(categories).hasSizeGreaterThanOrEqualTo(6);

            // The same ids and prices orders and inventory were built around, on catalog.products.
            Map<String, Price> demo = InMemoryPriceList.demo().all();
            Map<String, Product> published = new HashMap<>();
            TestKafka.read(Topics.CATALOG_PRODUCTS.name(), Duration.ofSeconds(30), records -> {
                records.stream().filter(r -> demo.containsKey(r.key()) && r.value() != null)
                        .forEach(r -> published.put(r.key(), ContractSerde.of(Product.class).decode(r.value())));
                return published.size() == demo.size();
            });
            assertThat(published.keySet()).isEqualTo(demo.keySet());
            demo.forEach((id, price) -> {
                assertThat(published.get(id).getPriceCents()).as(id).isEqualTo(price.cents());
                assertThat(published.get(id).getImageUrl()).as(id).startsWith("/media/products/" + id + "/");
            });
        }
        // A second start does not seed again.
        try (CatalogInstance again = CatalogInstance.start(db, temp.resolve("media"),
                Map.of("eventshop.catalog.seed-demo", "true"))) {
            assertThat(Http.get(again.url("/api/catalog/products?size=100")).json().get("total").asLong()).isEqualTo(50);
        }
    }
}
