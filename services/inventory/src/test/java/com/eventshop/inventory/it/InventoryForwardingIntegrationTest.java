package com.eventshop.inventory.it;

import com.eventshop.devinfra.TestKafka;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.inventory.InventoryApplication;
import com.eventshop.platform.kafka.streams.StoreQueries;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two inventory instances share the work: a stock query sent to either one is answered by the
 * instance that owns the product (forwarded over HTTP), and when one instance stops, the other
 * takes its products over from the changelog.
 */
class InventoryForwardingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APPLICATION_ID = "eventshop-inventory-fwd-" + UUID.randomUUID();

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    private ConfigurableApplicationContext start(String name) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(InventoryApplication.class).run(
                "--spring.config.name=inventory",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--spring.kafka.streams.application-id=" + APPLICATION_ID,
                "--EVENTSHOP_DATA_DIR=" + Path.of(System.getProperty("java.io.tmpdir"), "it-fwd-" + name + "-"
                        + UUID.randomUUID()),
                "--EVENTSHOP_COMMIT_INTERVAL_MS=50",
                "--EVENTSHOP_LOG_FORMAT=plain",
                "--eventshop.inventory.product-source=any", // arbitrary product ids, no catalog
                "--eventshop.security.jwks-uri=" + com.eventshop.devinfra.TestTokens.shared().jwksUri(),
                "--eventshop.security.service-token=" + com.eventshop.devinfra.TestTokens.shared().service("inventory"));
        instances.add(context);
        return context;
    }

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static boolean runningWithTasks(ConfigurableApplicationContext context) {
        KafkaStreams streams = context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
        return streams != null && streams.state() == KafkaStreams.State.RUNNING
                && streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }

    private static Integer available(Http http, String productId) {
        HttpResponse<String> response = http.get("/api/inventory/" + productId);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("available").asInt() : null;
    }

    @Test
    void queriesAreAnsweredByTheOwnerAndSurviveAnInstanceStopping() {
        ConfigurableApplicationContext a = start("a");
        ConfigurableApplicationContext b = start("b");
        Awaitility.await().atMost(WAIT).until(() -> runningWithTasks(a) && runningWithTasks(b));
        Http httpA = new Http(port(a));
        Http httpB = new Http(port(b));

        int products = 12;
        for (int i = 0; i < products; i++) {
            assertThat(httpA.put("/api/inventory/p-fwd-" + i, "{\"available\": " + (100 + i) + "}").statusCode())
                    .isEqualTo(202);
        }
        for (int i = 0; i < products; i++) {
            String productId = "p-fwd-" + i;
            int expected = 100 + i;
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                assertThat(available(httpA, productId)).isEqualTo(expected);
                assertThat(available(httpB, productId)).isEqualTo(expected);
            });
        }
        // both instances own some products, so some answers above were forwarded
        StoreQueries<?> queriesA = a.getBean(StoreQueries.class);
        List<String> ownedByB = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            if (!queriesA.ownerOf("p-fwd-" + i).local()) {
                ownedByB.add("p-fwd-" + i);
            }
        }
        assertThat(ownedByB).isNotEmpty().hasSizeLessThan(products);

        // B stops: A answers promptly (503 while it takes over), then from the restored store
        b.close();
        String moved = ownedByB.get(0);
        long begin = System.nanoTime();
        int status = httpA.get("/api/inventory/" + moved).statusCode();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
        assertThat(status).isIn(200, 503);
        int expected = 100 + Integer.parseInt(moved.substring("p-fwd-".length()));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(available(httpA, moved)).isEqualTo(expected));
    }
}
