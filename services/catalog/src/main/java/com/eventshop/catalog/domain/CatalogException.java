package com.eventshop.catalog.domain;

import java.util.Map;

/** A catalog rule a request broke; the API turns the kind into an HTTP status. */
public final class CatalogException extends RuntimeException {

    public enum Kind { NOT_FOUND, UNKNOWN_CATEGORY, CONFLICT, VERSION_MISMATCH, INVALID }

    private final Kind kind;
    private final Map<String, Object> details;

    public CatalogException(Kind kind, String message, Map<String, Object> details) {
        super(message);
        this.kind = kind;
        this.details = Map.copyOf(details);
    }

    public CatalogException(Kind kind, String message) {
        this(kind, message, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    public Map<String, Object> details() {
        return details;
    }
}
