package com.eventshop.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A product as stored, with its category and images (ordered by position). */
public record Product(String id, String sku, String slug, String name, String description, Money price,
                      Category category, Map<String, Object> attributes, boolean active, long version,
                      Instant createdAt, Instant updatedAt, List<ProductImage> images) {

    public java.util.Optional<ProductImage> primaryImage() {
        return images.stream().filter(ProductImage::primary).findFirst();
    }
}
