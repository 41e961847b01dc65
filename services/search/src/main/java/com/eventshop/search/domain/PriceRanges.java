package com.eventshop.search.domain;

import java.util.List;

/** The price facet's buckets, in cents: [from, to), the last one open. */
public final class PriceRanges {

    /** One bucket; {@code toCents} is null for the open last bucket. */
    public record Range(long fromCents, Long toCents) {

        public boolean contains(long cents) {
            return cents >= fromCents && (toCents == null || cents < toCents);
        }

        public String label() {
            return toCents == null ? fromCents / 100 + "+" : fromCents / 100 + "-" + toCents / 100;
        }
    }

    public static final List<Range> DEFAULT = List.of(
            new Range(0, 2_500L), new Range(2_500, 5_000L), new Range(5_000, 10_000L),
            new Range(10_000, 25_000L), new Range(25_000, null));

    private PriceRanges() {
    }
}
