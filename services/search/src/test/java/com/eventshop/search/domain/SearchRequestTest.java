package com.eventshop.search.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchRequestTest {

    static SearchRequest parse(String q, String type, String category, String min, String max, String sort,
                               String page, String size, String after) {
        return SearchRequest.parse(q, type, category, min, max, sort, page, size, after);
    }

    @Test
    void defaultsAreProductsByRelevanceTwentyAPage() {
        SearchRequest r = parse(null, null, null, null, null, null, null, null, null);
        assertThat(r.q()).isEmpty();
        assertThat(r.type()).isEqualTo(DocType.PRODUCT);
        assertThat(r.sort()).isEqualTo(SortOrder.RELEVANCE);
        assertThat(r.page()).isEqualTo(1);
        assertThat(r.size()).isEqualTo(20);
        assertThat(r.after()).isEmpty();
    }

    @Test
    void pricesAreAmountsInCurrencyUnits() {
        SearchRequest r = parse("x", null, " shoes ", "19.99", "50", "price-asc", "2", "10", null);
        assertThat(r.minPriceCents()).isEqualTo(1999);
        assertThat(r.maxPriceCents()).isEqualTo(5000);
        assertThat(r.category()).isEqualTo("shoes");
        assertThat(r.sort()).isEqualTo(SortOrder.PRICE_ASC);
        assertThat(r.offset()).isEqualTo(10);
    }

    @Test
    void aTrailingSpaceIsKeptLeadingOnesAreNot() {
        assertThat(parse("  boot ", null, null, null, null, null, null, null, null).q()).isEqualTo("boot ");
    }

    @Test
    void nonsenseIsRefusedNamingTheParameter() {
        assertBad("size", () -> parse("x", null, null, null, null, null, null, "0", null));
        assertBad("size", () -> parse("x", null, null, null, null, null, null, "101", null));
        assertBad("page", () -> parse("x", null, null, null, null, null, "0", null, null));
        assertBad("page", () -> parse("x", null, null, null, null, null, "600", "20", null));
        assertBad("sort", () -> parse("x", null, null, null, null, "cheapest", null, null, null));
        assertBad("sort", () -> parse("x", "page", null, null, null, "price_asc", null, null, null));
        assertBad("type", () -> parse("x", "video", null, null, null, null, null, null, null));
        assertBad("minPrice", () -> parse("x", null, null, "-1", null, null, null, null, null));
        assertBad("maxPrice", () -> parse("x", null, null, null, "1.234", null, null, null, null));
        assertBad("minPrice", () -> parse("x", null, null, "50", "10", null, null, null, null));
        assertBad("after", () -> parse("x", null, null, null, null, null, null, null, "garbage"));
        String priceCursor = new Cursor(SortOrder.PRICE_ASC, 100, "p-1").encode();
        assertBad("after", () -> parse("x", null, null, null, null, "newest", null, null, priceCursor));
        assertBad("q", () -> parse("x".repeat(201), null, null, null, null, null, null, null, null));
    }

    @Test
    void aCursorRoundTrips() {
        Cursor c = Cursor.ofScore(3.25f, "p-042");
        Cursor back = Cursor.decode(c.encode(), SortOrder.RELEVANCE);
        assertThat(back.score()).isEqualTo(3.25f);
        assertThat(back.id()).isEqualTo("p-042");
        Cursor url = new Cursor(SortOrder.NEWEST, 1_700_000_000_000L, "http://127.0.0.1/a|b");
        assertThat(Cursor.decode(url.encode(), SortOrder.NEWEST)).isEqualTo(url);
    }

    @Test
    void typoBudgetGrowsWithTheWord() {
        assertThat(Typos.maxEdits("boot")).isZero();
        assertThat(Typos.maxEdits("boots")).isEqualTo(1);
        assertThat(Typos.maxEdits("espresso")).isEqualTo(1);
        assertThat(Typos.maxEdits("espressos")).isEqualTo(2);
    }

    @Test
    void priceRangesCoverEveryPriceOnce() {
        for (long cents : new long[] {0, 2_499, 2_500, 9_999, 10_000, 24_999, 25_000, 9_999_999}) {
            assertThat(PriceRanges.DEFAULT.stream().filter(r -> r.contains(cents)).count()).as("" + cents).isEqualTo(1);
        }
    }

    private static void assertBad(String parameter, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(InvalidSearchException.class)
                .satisfies(e -> assertThat(((InvalidSearchException) e).parameter()).isEqualTo(parameter));
    }
}
