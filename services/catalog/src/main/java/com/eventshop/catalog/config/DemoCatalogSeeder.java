package com.eventshop.catalog.config;

import com.eventshop.catalog.domain.DemoCatalog;
import com.eventshop.catalog.domain.DemoCatalog.DemoProduct;
import com.eventshop.catalog.domain.Money;
import com.eventshop.catalog.domain.ProductDraft;
import com.eventshop.catalog.domain.Slug;
import com.eventshop.catalog.media.ProductImages;
import com.eventshop.catalog.store.CatalogStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Seeds the demo catalog (categories, products p-001..p-050, a drawn picture each) through the
 * same store and image pipeline as the API, so it reaches Kafka like any admin change. Only
 * on a start with no products at all: a catalog someone changed is never touched.
 */
public final class DemoCatalogSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogSeeder.class);

    private final CatalogStore store;
    private final ProductImages images;
    private final boolean enabled;
    private volatile boolean done;

    public DemoCatalogSeeder(CatalogStore store, ProductImages images, boolean enabled) {
        this.store = store;
        this.images = images;
        this.enabled = enabled;
        this.done = !enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            if (enabled && store.productCount() == 0) {
                seed();
            }
        } finally {
            done = true;
        }
    }

    public boolean done() {
        return done;
    }

    private void seed() {
        Instant begin = Instant.now();
        for (DemoCatalog.DemoCategory category : DemoCatalog.categories()) {
            if (store.category(category.slug()).isEmpty()) {
                store.createCategory(new Slug(category.slug()), category.name(), null);
            }
        }
        List<DemoProduct> products = DemoCatalog.products();
        for (DemoProduct p : products) {
            store.createProduct(p.id(), new ProductDraft(p.sku(), Slug.from(p.name() + " " + p.id()), p.name(),
                    p.description(), Money.ofMinor(p.priceCents(), p.currency()), p.categorySlug(),
                    Map.of("demo", true), true));
            images.add(p.id(), List.of(new ProductImages.Upload(p.id() + ".png", DemoCatalog.picture(p, 600))));
        }
        log.info("Seeded the demo catalog: {} categories, {} products with pictures in {} ms",
                DemoCatalog.categories().size(), products.size(), Duration.between(begin, Instant.now()).toMillis());
    }
}
