package com.eventshop.search.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How results are ordered; every order ends with the id so that equal keys keep a stable order. */
public enum SortOrder {
    RELEVANCE, PRICE_ASC, PRICE_DESC, NEWEST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code relevance}, {@code price_asc} (also {@code price-asc}), {@code price_desc}, {@code newest}. */
    public static Optional<SortOrder> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(RELEVANCE);
        }
        String normal = value.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(s -> s.id().equals(normal)).findFirst();
    }
}
