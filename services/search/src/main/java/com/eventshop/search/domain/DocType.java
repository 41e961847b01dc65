package com.eventshop.search.domain;

import java.util.Locale;
import java.util.Optional;

/** What a hit is: a catalog product or a crawled page. */
public enum DocType {
    PRODUCT, PAGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DocType> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(PRODUCT);
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "product" -> Optional.of(PRODUCT);
            case "page" -> Optional.of(PAGE);
            default -> Optional.empty();
        };
    }
}
