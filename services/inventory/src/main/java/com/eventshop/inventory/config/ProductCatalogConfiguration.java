package com.eventshop.inventory.config;

import com.eventshop.inventory.api.KnownProducts;
import com.eventshop.inventory.domain.CatalogProducts;
import com.eventshop.contracts.tables.Product;
import com.eventshop.platform.kafka.CatalogProductFeed;
import com.eventshop.platform.web.ProblemException;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;

/**
 * Which products exist for inventory's stock admin API: {@code eventshop.inventory.product-source=catalog}
 * (default) reads {@code catalog.products}; {@code any} accepts every product id (tests that run
 * without a catalog). Same pattern as orders' {@code eventshop.orders.price-source}.
 */
@Configuration(proxyBeanMethods = false)
public class ProductCatalogConfiguration {

    static final String PRODUCT_SOURCE = "eventshop.inventory.product-source";
    /** How long a PUT for a product not seen yet waits for the feed to read the topic's current end. */
    private static final Duration CATCH_UP = Duration.ofSeconds(3);

    private static boolean fromCatalog(Environment env) {
        return !"any".equalsIgnoreCase(env.getProperty(PRODUCT_SOURCE, "catalog").strip());
    }

    @Bean
    CatalogProducts catalogProducts() {
        return new CatalogProducts();
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    CatalogProductFeed catalogProductFeed(KafkaProperties kafka, CatalogProducts products) {
        return new CatalogProductFeed(kafka.buildConsumerProperties(), "inventory-catalog-products",
                new CatalogProductFeed.Listener() {
                    @Override
                    public void updated(String productId, long version, Product product) {
                        products.put(productId, version, product.getActive());
                    }

                    @Override
                    public void deleted(String productId, long version) {
                        products.delete(productId, version);
                    }
                });
    }

    /**
     * A product not in the table yet may have been created a moment ago: the answer waits until
     * the feed has read what the topic holds now, so a product just created in the catalog is
     * found. 503 if that cannot be told (broker unreachable).
     */
    @Bean
    KnownProducts knownProducts(Environment env, ObjectProvider<CatalogProductFeed> feed, CatalogProducts products) {
        if (!fromCatalog(env)) {
            return KnownProducts.ANY;
        }
        return productId -> {
            if (products.knows(productId)) {
                return true;
            }
            if (!feed.getObject().awaitCurrentEnd(CATCH_UP)) {
                throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Catalog products not loaded",
                        "the catalog's products could not be read up to date; try again")
                        .with("productId", productId);
            }
            return products.knows(productId);
        };
    }

    /** Readiness: the product table has been read up to its current end. */
    @Bean
    HealthIndicator catalogProductsHealthIndicator(Environment env, ObjectProvider<CatalogProductFeed> feed,
                                                   CatalogProducts products) {
        boolean catalog = fromCatalog(env);
        return () -> {
            if (!catalog) {
                return Health.up().withDetail("source", "any").build();
            }
            return (feed.getObject().caughtUp() ? Health.up() : Health.outOfService())
                    .withDetail("source", "catalog.products").withDetail("products", products.count()).build();
        };
    }
}
