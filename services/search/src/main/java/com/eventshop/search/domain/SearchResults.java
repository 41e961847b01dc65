package com.eventshop.search.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/** What a search answers: the JSON body of GET /api/search. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResults(long total, List<Item> items, Facets facets, String suggestion, String next) {

    /** One hit; {@code titleHtml} and {@code snippet} are HTML-escaped text with matches in {@code <mark>}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String type, String id, String title, String titleHtml, String url, String snippet,
                       BigDecimal price, String currency, String category, String categoryName, String imageUrl) {
    }

    public record Facets(List<CategoryCount> category, List<PriceCount> price) {

        public static final Facets NONE = new Facets(List.of(), List.of());
    }

    public record CategoryCount(String value, String label, long count) {
    }

    /** A price range in currency units; {@code to} is null for the open last range. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PriceCount(BigDecimal from, BigDecimal to, long count) {
    }
}
