package com.eventshop.orders.config;

import com.eventshop.orders.domain.CatalogPrices;
import com.eventshop.orders.domain.InMemoryPriceList;
import com.eventshop.orders.domain.PriceList;
import com.eventshop.contracts.tables.Product;
import com.eventshop.orders.domain.Price;
import com.eventshop.platform.kafka.CatalogProductFeed;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Where order lines get their prices: {@code eventshop.orders.price-source=catalog} (default)
 * reads {@code catalog.products}; {@code demo} uses the fixed demo prices of p-001..p-050
 * (tests of the order flow that run without a catalog).
 */
@Configuration(proxyBeanMethods = false)
public class PriceListConfiguration {

    static final String PRICE_SOURCE = "eventshop.orders.price-source";

    private static boolean fromCatalog(Environment env) {
        return !"demo".equalsIgnoreCase(env.getProperty(PRICE_SOURCE, "catalog").strip());
    }

    @Bean
    CatalogPrices catalogPrices() {
        return new CatalogPrices();
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    CatalogProductFeed catalogPriceFeed(KafkaProperties kafka, CatalogPrices prices) {
        return new CatalogProductFeed(kafka.buildConsumerProperties(), "orders-catalog-prices",
                new CatalogProductFeed.Listener() {
                    @Override
                    public void updated(String productId, long version, Product product) {
                        // An inactive product has no price: it cannot be ordered.
                        prices.apply(productId, version, product.getActive()
                                ? new Price(product.getPriceCents(), product.getCurrency()) : null);
                    }

                    @Override
                    public void deleted(String productId, long version) {
                        prices.apply(productId, version, null);
                    }
                });
    }

    /** The one the order placement uses (CatalogPrices is also a PriceList). */
    @Bean
    @Primary
    PriceList priceList(Environment env, CatalogPrices catalog) {
        return fromCatalog(env) ? catalog : InMemoryPriceList.demo();
    }

    /** Readiness: the product table has been read up to its current end. */
    @Bean
    HealthIndicator catalogPricesHealthIndicator(Environment env, ObjectProvider<CatalogProductFeed> feed, CatalogPrices prices) {
        boolean catalog = fromCatalog(env);
        return () -> {
            if (!catalog) {
                return Health.up().withDetail("source", "demo").build();
            }
            return (feed.getObject().caughtUp() ? Health.up() : Health.outOfService())
                    .withDetail("source", "catalog.products").withDetail("products", prices.size()).build();
        };
    }
}
