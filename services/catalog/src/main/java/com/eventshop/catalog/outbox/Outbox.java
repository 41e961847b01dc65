package com.eventshop.catalog.outbox;

import com.eventshop.catalog.domain.Category;
import com.eventshop.catalog.domain.Product;
import com.eventshop.contracts.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes a change to the outbox table. Called inside the transaction that changes the row, so
 * the change and its event commit (or roll back) together: no dual write. The relay publishes
 * the rows to Kafka later.
 */
public final class Outbox {

    private final JdbcClient jdbc;
    private final CatalogEvents events;

    public Outbox(JdbcClient jdbc, CatalogEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public void productChanged(Product product) {
        add(Topics.CATALOG_PRODUCTS.name(), product.id(), events.encode(events.product(product)), product.version());
    }

    /** A tombstone, carrying the version of the delete (one above the last update) as a header. */
    public void productDeleted(String productId, long deleteVersion) {
        add(Topics.CATALOG_PRODUCTS.name(), productId, null, deleteVersion);
    }

    public void categoryChanged(Category category) {
        add(Topics.CATALOG_CATEGORIES.name(), category.id(), events.encode(events.category(category)), category.version());
    }

    public void categoryDeleted(String categoryId, long deleteVersion) {
        add(Topics.CATALOG_CATEGORIES.name(), categoryId, null, deleteVersion);
    }

    private void add(String topic, String key, byte[] payload, long version) {
        jdbc.sql("INSERT INTO outbox (topic, record_key, payload, version) VALUES (?, ?, ?, ?)")
                .params(topic, key, payload, version)
                .update();
    }
}
