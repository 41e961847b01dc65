package com.eventshop.catalog.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.VersionHeader;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Product;
import com.eventshop.devinfra.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The admin and public product API over real HTTP, PostgreSQL and Kafka. */
class ProductApiTest {

    @TempDir
    static Path temp;
    static CatalogInstance catalog;

    @BeforeAll
    static void start() {
        catalog = CatalogInstance.start(CatalogTestInfra.freshDatabase(), temp.resolve("media"), Map.of());
        assertThat(Http.post(catalog.url("/api/catalog/categories"), "{\"slug\":\"shoes\",\"name\":\"Shoes\"}").status())
                .isEqualTo(201);
        assertThat(Http.post(catalog.url("/api/catalog/categories"),
                "{\"slug\":\"trail-shoes\",\"name\":\"Trail shoes\",\"parent\":\"shoes\"}").status()).isEqualTo(201);
        assertThat(Http.post(catalog.url("/api/catalog/categories"), "{\"slug\":\"books\",\"name\":\"Books\"}").status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (catalog != null) {
            catalog.close();
        }
    }

    private static String product(String id, String category, String price, String name) {
        return "{\"id\":\"" + id + "\",\"sku\":\"SKU-" + id + "\",\"name\":\"" + name + "\",\"description\":\"Made for " + id
                + "\",\"price\":{\"amount\":\"" + price + "\",\"currency\":\"EUR\"},\"category\":" + category
                + ",\"attributes\":{\"color\":\"red\",\"size\":42}}";
    }

    @Test
    void aProductNamesItsCategoryBySlugAndAnUnknownSlugIs422NamingIt() {
        Http.Response nested = Http.post(catalog.url("/api/catalog/products"),
                product("t-1", "{\"slug\":\"shoes\"}", "59.90", "Trail Runner"));
        assertThat(nested.status()).isEqualTo(201);
        JsonNode body = nested.json();
        assertThat(body.get("category").get("slug").asString()).isEqualTo("shoes");
        assertThat(body.get("category").get("name").asString()).isEqualTo("Shoes");
        assertThat(body.get("slug").asString()).isEqualTo("trail-runner");
        assertThat(body.get("price").get("amount").decimalValue()).isEqualByComparingTo("59.90");
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("attributes").get("size").asInt()).isEqualTo(42);

        Http.Response plain = Http.post(catalog.url("/api/catalog/products"),
                product("t-2", "\"trail-shoes\"", "12.00", "Mud Guard"));
        assertThat(plain.status()).isEqualTo(201);
        assertThat(plain.json().get("category").get("parent").asString()).isEqualTo("shoes");

        Http.Response unknown = Http.post(catalog.url("/api/catalog/products"),
                product("t-3", "{\"slug\":\"hats\"}", "9.99", "Sun Hat"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("categorySlug").asString()).isEqualTo("hats");
        assertThat(unknown.json().get("detail").asString()).contains("hats");
        assertThat(Http.get(catalog.url("/api/catalog/products/t-3")).status()).isEqualTo(404); // nothing changed
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        assertThat(Http.post(catalog.url("/api/catalog/products"), product("b-1", "\"books\"", "-1", "Negative")).status())
                .isEqualTo(400);
        assertThat(Http.post(catalog.url("/api/catalog/categories"), "{\"slug\":\"Not A Slug\",\"name\":\"x\"}").status())
                .isEqualTo(400);
        assertThat(Http.post(catalog.url("/api/catalog/products"), product("b-2", "\"books\"", "1.00", "Dup")).status())
                .isEqualTo(201);
        assertThat(Http.post(catalog.url("/api/catalog/products"), product("b-2", "\"books\"", "1.00", "Dup")).status())
                .isEqualTo(409);
        assertThat(Http.get(catalog.url("/api/catalog/products/b-1")).status()).isEqualTo(404);
    }

    @Test
    void thePublicListFiltersAndPagesInTheLeanRepresentation() {
        Http.post(catalog.url("/api/catalog/products"), product("l-1", "\"books\"", "10.00", "Stream Processing Notes"));
        Http.post(catalog.url("/api/catalog/products"), product("l-2", "\"books\"", "30.00", "Garden Stories"));
        Http.post(catalog.url("/api/catalog/products"), product("l-3", "\"books\"", "50.00", "Stream Atlas"));

        JsonNode books = Http.get(catalog.url("/api/catalog/products?category=books&q=stream&maxPrice=40")).json();
        assertThat(books.get("total").asLong()).isEqualTo(1);
        JsonNode item = books.get("items").get(0);
        assertThat(item.get("id").asString()).isEqualTo("l-1");
        assertThat(item.get("category").properties()).extracting(Map.Entry::getKey).containsExactly("slug", "name");
        assertThat(item.has("description")).isFalse(); // lean
        assertThat(item.has("attributes")).isFalse();

        JsonNode page = Http.get(catalog.url("/api/catalog/products?category=books&minPrice=10&size=1&page=1")).json();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(3);

        // A parent category lists its subcategories' products.
        Http.post(catalog.url("/api/catalog/products"), product("l-4", "\"trail-shoes\"", "70.00", "Gaiter"));
        assertThat(Http.get(catalog.url("/api/catalog/products?category=shoes&q=gaiter")).json().get("total").asLong())
                .isEqualTo(1);
        // Detail: the full representation, by id or by slug.
        JsonNode detail = Http.get(catalog.url("/api/catalog/products/garden-stories")).json();
        assertThat(detail.get("description").asString()).isEqualTo("Made for l-2");
        assertThat(detail.get("attributes").get("color").asString()).isEqualTo("red");
        assertThat(Http.get(catalog.url("/api/catalog/products?minPrice=5&maxPrice=1")).status()).isEqualTo(400);
    }

    @Test
    void updatesAreVersionedAndReachTheTopicAndADeleteIsATombstone() {
        Http.post(catalog.url("/api/catalog/products"), product("v-1", "\"books\"", "20.00", "Versioned Book"));
        Http.Response updated = Http.put(catalog.url("/api/catalog/products/v-1"),
                product("v-1", "\"books\"", "25.00", "Versioned Book").replace("}}", "},\"version\":1}"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        Http.Response stale = Http.put(catalog.url("/api/catalog/products/v-1"),
                product("v-1", "\"books\"", "99.00", "Versioned Book").replace("}}", "},\"version\":1}"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(2);

        assertThat(Http.delete(catalog.url("/api/catalog/products/v-1")).status()).isEqualTo(204);

        List<ConsumerRecord<String, byte[]>> records = TestKafka.read(Topics.CATALOG_PRODUCTS.name(), Duration.ofSeconds(30),
                rs -> rs.stream().filter(r -> "v-1".equals(r.key())).count() >= 3);
        List<ConsumerRecord<String, byte[]>> ofV1 = records.stream().filter(r -> "v-1".equals(r.key())).toList();
        assertThat(ofV1).hasSize(3);
        Product first = ContractSerde.of(Product.class).decode(ofV1.get(0).value());
        Product second = ContractSerde.of(Product.class).decode(ofV1.get(1).value());
        assertThat(first.getPriceCents()).isEqualTo(2000);
        assertThat(first.getVersion()).isEqualTo(1);
        assertThat(second.getPriceCents()).isEqualTo(2500);
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getCategorySlug()).isEqualTo("books");
        assertThat(ofV1.get(2).value()).isNull(); // tombstone
        assertThat(VersionHeader.of(ofV1.get(2).headers())).contains(3L);
        assertThat(Http.get(catalog.url("/api/catalog/products/v-1")).status()).isEqualTo(404);
    }
}
