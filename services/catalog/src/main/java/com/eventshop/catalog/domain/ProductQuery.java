package com.eventshop.catalog.domain;

import java.math.BigDecimal;

/**
 * A page of the public product list: optional category slug, price range (inclusive) and text
 * contained in the name or description (case-insensitive). Only active products are listed.
 */
public record ProductQuery(String categorySlug, BigDecimal minPrice, BigDecimal maxPrice, String text,
                           int page, int size) {

    public static final int MAX_SIZE = 100;

    public ProductQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_SIZE);
        }
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw new IllegalArgumentException("minPrice is above maxPrice");
        }
        text = text == null || text.isBlank() ? null : text.strip();
    }
}
