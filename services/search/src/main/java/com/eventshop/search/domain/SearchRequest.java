package com.eventshop.search.domain;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A validated search: the query text, what to search, filters, order and page. Built from the
 * raw HTTP parameters by {@link #parse}, which refuses what makes no sense.
 *
 * @param page   1-based page number (offset paging, for the first pages)
 * @param after  a cursor for deep paging (search-after); wins over {@code page}
 */
public record SearchRequest(String q, DocType type, String category, Long minPriceCents, Long maxPriceCents,
                            SortOrder sort, int page, int size, Optional<Cursor> after) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;
    /** Offset paging ends here; deeper pages go by cursor ({@code after}). */
    public static final int MAX_OFFSET = 10_000;
    public static final int MAX_QUERY_LENGTH = 200;

    public static SearchRequest parse(String q, String type, String category, String minPrice, String maxPrice,
                                      String sort, String page, String size, String after) {
        String text = q == null ? "" : q.stripLeading(); // a trailing space says the last word is finished
        if (text.length() > MAX_QUERY_LENGTH) {
            throw new InvalidSearchException("q", "q is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        DocType docType = DocType.parse(type)
                .orElseThrow(() -> new InvalidSearchException("type", "type must be product or page"));
        SortOrder order = SortOrder.parse(sort).orElseThrow(() -> new InvalidSearchException("sort",
                "sort must be relevance, price_asc, price_desc or newest"));
        if (docType == DocType.PAGE && (order == SortOrder.PRICE_ASC || order == SortOrder.PRICE_DESC)) {
            throw new InvalidSearchException("sort", "pages have no price: sort by relevance or newest");
        }
        Long min = cents("minPrice", minPrice);
        Long max = cents("maxPrice", maxPrice);
        if (min != null && max != null && min > max) {
            throw new InvalidSearchException("minPrice", "minPrice is above maxPrice");
        }
        int pageNumber = integer("page", page, 1);
        int pageSize = integer("size", size, DEFAULT_SIZE);
        if (pageNumber < 1) {
            throw new InvalidSearchException("page", "page starts at 1");
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw new InvalidSearchException("size", "size must be between 1 and " + MAX_SIZE);
        }
        if ((long) pageNumber * pageSize > MAX_OFFSET) {
            throw new InvalidSearchException("page", "page goes deeper than " + MAX_OFFSET
                    + " results: page on with the cursor \"next\" (parameter after)");
        }
        String cat = category == null || category.isBlank() ? null : category.strip();
        Optional<Cursor> cursor = after == null || after.isBlank() ? Optional.empty()
                : Optional.of(Cursor.decode(after.strip(), order));
        return new SearchRequest(text, docType, cat, min, max, order, pageNumber, pageSize, cursor);
    }

    /** The same search without its category filter (the category facet counts every category). */
    public SearchRequest withoutCategory() {
        return new SearchRequest(q, type, null, minPriceCents, maxPriceCents, sort, page, size, after);
    }

    /** The same search without its price filter (the price facet counts every range). */
    public SearchRequest withoutPrice() {
        return new SearchRequest(q, type, category, null, null, sort, page, size, after);
    }

    public SearchRequest withQuery(String text) {
        return new SearchRequest(text, type, category, minPriceCents, maxPriceCents, sort, page, size, after);
    }

    public int offset() {
        return after.isPresent() ? 0 : (page - 1) * size;
    }

    private static Long cents(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value.strip());
            if (amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(BigDecimal.valueOf(1_000_000_000)) > 0) {
                throw new NumberFormatException();
            }
            return amount.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidSearchException(name, name + " must be an amount like 25 or 19.99");
        }
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSearchException(name, name + " must be a whole number");
        }
    }
}
