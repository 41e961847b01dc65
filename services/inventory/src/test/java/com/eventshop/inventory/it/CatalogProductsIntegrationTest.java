package com.eventshop.inventory.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.VersionHeader;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Product;
import com.eventshop.devinfra.TestKafka;
import com.eventshop.inventory.InventoryApplication;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inventory with the default {@code product-source=catalog} on a real broker: stock can be set
 * only for products on {@code catalog.products}; an unknown or deleted product gets a 404 problem
 * and nothing is written.
 */
@SpringBootTest(classes = InventoryApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=inventory", "EVENTSHOP_COMMIT_INTERVAL_MS=50",
                "EVENTSHOP_LOG_FORMAT=plain"})
class CatalogProductsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ContractSerde<Product> PRODUCTS = ContractSerde.of(Product.class);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("eventshop.security.jwks-uri", () -> com.eventshop.devinfra.TestTokens.shared().jwksUri());
        registry.add("EVENTSHOP_DATA_DIR", () -> Path.of(System.getProperty("java.io.tmpdir"),
                "it-data-" + UUID.randomUUID()).toString());
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
        await().atMost(WAIT).until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
    }

    /** Writes a product to catalog.products as the catalog does: keyed by id, with the version header. */
    private static void catalogWrites(String productId, long version, Product product) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CATALOG_PRODUCTS.name(), productId,
                product == null ? null : PRODUCTS.encode(product));
        record.headers().add(VersionHeader.NAME, VersionHeader.encode(version));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Product product(String id, long version, boolean active) {
        return Product.newBuilder().setProductId(id).setSku("sku-" + id).setSlug(id).setName("Product " + id)
                .setPriceCents(1999).setCurrency("EUR").setActive(active).setVersion(version).build();
    }

    private static void assertUnknownProduct(HttpResponse<String> response, String productId) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:eventshop:problem:unknown-product");
        assertThat(problem.get("productId").asString()).isEqualTo(productId);
    }

    @Test
    void stockIsSetOnlyForProductsTheCatalogHasAndNotAfterTheyAreDeleted() {
        String known = "p-cat-" + UUID.randomUUID();
        String unknown = "p-none-" + UUID.randomUUID();
        catalogWrites(known, 1, product(known, 1, true));

        // Unknown first: the known product's adjustment, written after it, proves none was written for it.
        assertUnknownProduct(http.put("/api/inventory/" + unknown, "{\"available\": 3}"), unknown);
        // Right after the catalog wrote it: the PUT waits for the feed to read the topic's current end.
        HttpResponse<String> accepted = http.put("/api/inventory/" + known, "{\"available\": 7}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        List<ConsumerRecord<String, byte[]>> adjustments = TestKafka.read(Topics.INVENTORY_ADJUSTMENTS.name(), WAIT,
                records -> records.stream().anyMatch(r -> known.equals(r.key())));
        assertThat(adjustments).extracting(ConsumerRecord::key).contains(known).doesNotContain(unknown);
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> stock = http.get("/api/inventory/" + known);
            assertThat(stock.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(stock.body()).get("available").asInt()).isEqualTo(7);
        });
        assertThat(http.get("/api/inventory/" + unknown).statusCode()).isEqualTo(404);

        // Deleted (tombstone, version 2): gone; an older update replayed later does not bring it back.
        catalogWrites(known, 2, null);
        assertUnknownProduct(http.put("/api/inventory/" + known, "{\"available\": 8}"), known);
        catalogWrites(known, 1, product(known, 1, true));
        assertUnknownProduct(http.put("/api/inventory/" + known, "{\"available\": 8}"), known);
    }

    @Test
    void anInactiveProductIsStillKnownSoItsStockCanBePrepared() {
        String inactive = "p-off-" + UUID.randomUUID();
        catalogWrites(inactive, 4, product(inactive, 4, false));
        HttpResponse<String> accepted = http.put("/api/inventory/" + inactive, "{\"available\": 2}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }
}
