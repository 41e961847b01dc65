package com.eventshop.catalog.domain;

import java.util.Map;
import java.util.Objects;

/**
 * What an admin sends to create or replace a product. The category is named by slug and
 * resolved against the stored categories.
 */
public record ProductDraft(String sku, Slug slug, String name, String description, Money price,
                           String categorySlug, Map<String, Object> attributes, boolean active) {

    public ProductDraft {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(categorySlug, "categorySlug");
        description = description == null ? "" : description;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
