package com.eventshop.orders.domain;

/**
 * Counts events that were ignored. The service binds it to the Micrometer counter
 * {@code eventshop.orders.ignored.events} tagged by reason; tests use
 * {@link InMemoryIgnoredEventCounter}.
 */
@FunctionalInterface
public interface IgnoredEventCounter {

    IgnoredEventCounter NONE = reason -> { };

    void ignored(IgnoreReason reason);
}
