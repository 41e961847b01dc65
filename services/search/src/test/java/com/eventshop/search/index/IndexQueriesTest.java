package com.eventshop.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.events.PageCrawled;
import com.eventshop.contracts.tables.Product;
import com.eventshop.search.domain.SearchRequest;
import com.eventshop.search.domain.SearchResults;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search rules against a real (small) Lucene index on disk: no Kafka needed here. */
class IndexQueriesTest {

    @TempDir
    static Path dir;
    static IndexGeneration index;
    static IndexQueries queries;

    @BeforeAll
    static void index() throws Exception {
        Analyzers analyzers = Analyzers.withSynonyms(new StringReader("tee, t-shirt\n"));
        index = IndexGeneration.open(dir.resolve("gen-1"), analyzers, 16);
        queries = new IndexQueries(analyzers);
        index.category("c1", "shoes", "Shoes");
        index.category("c2", "apparel", "Apparel");
        index.category("c3", "kitchen", "Kitchen");
        product("p-001", "Trail Runner", "A light shoe for rough paths.", 1299, "shoes", 1);
        product("p-002", "City Sneaker", "Everyday sneaker in white leather.", 4999, "shoes", 2);
        product("p-003", "Leather Boot", "A sturdy boot.", 14999, "shoes", 3);
        product("p-010", "Cotton T-Shirt", "Soft cotton shirt.", 1999, "apparel", 4);
        product("p-011", "Wool Sweater", "Warm and soft, goes with every runner jacket.", 5999, "apparel", 5);
        product("p-020", "<script>alert(1)</script> Kettle", "Boils water & <b>fast</b>.", 2999, "kitchen", 6);
        product("p-021", "Espresso Machine", "Makes coffee.", 29999, "kitchen", 7);
        for (int i = 0; i < 45; i++) {
            product("g-" + String.format("%03d", i), "Generated Widget " + i, "A widget.", 1000 + i * 100, "kitchen",
                    100 + i);
        }
        product("p-099", "Hidden Thing", "inactive", 100, "kitchen", 8);
        index.product("p-099", Product.newBuilder(build("p-099", "Hidden Thing", "x", 100, "kitchen"))
                .setActive(false).build(), 9);
        index.page("http://127.0.0.1/about", PageCrawled.newBuilder().setJobId("j").setUrl("http://127.0.0.1/about")
                .setHost("127.0.0.1").setTitle("About our espresso").setText("We roast beans.")
                .setFetchedAt(Instant.ofEpochMilli(5)).setDepth(0).setFields(Map.of()).build());
        index.page("http://127.0.0.1/guide", PageCrawled.newBuilder().setJobId("j").setUrl("http://127.0.0.1/guide")
                .setHost("127.0.0.1").setTitle("Care guide for leather boots")
                .setText("Clean leather boots with a soft brush.").setFetchedAt(Instant.now()).setDepth(1)
                .setFields(Map.of()).build());
        index.refresh();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    static Product build(String id, String name, String description, long cents, String category) {
        return Product.newBuilder().setProductId(id).setSku("sku-" + id).setSlug(id).setName(name)
                .setDescription(description).setPriceCents(cents).setCurrency("EUR").setCategorySlug(category)
                .setActive(true).setImageUrl(null).setVersion(1).build();
    }

    static void product(String id, String name, String description, long cents, String category, long ts)
            throws Exception {
        index.product(id, build(id, name, description, cents, category), ts);
    }

    static SearchResults search(String q, String... params) {
        Map<String, String> p = new java.util.HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        SearchRequest request = SearchRequest.parse(q, p.get("type"), p.get("category"), p.get("minPrice"),
                p.get("maxPrice"), p.get("sort"), p.get("page"), p.get("size"), p.get("after"));
        IndexSearcher searcher = acquire();
        try {
            return queries.search(searcher, index.categoryNames(), request);
        } finally {
            release(searcher);
        }
    }

    static IndexSearcher acquire() {
        try {
            return index.searchers().acquire();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void release(IndexSearcher s) {
        try {
            index.searchers().release(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> ids(SearchResults r) {
        return r.items().stream().map(SearchResults.Item::id).toList();
    }

    @Test
    void aTitleMatchOutranksADescriptionOnlyMatch() {
        assertThat(ids(search("runner "))).startsWith("p-001").contains("p-011");
    }

    @Test
    void oneTypoInAWordOfFiveLettersStillFindsIt() {
        assertThat(ids(search("sneakr "))).first().isEqualTo("p-002");
        assertThat(ids(search("leahter boot "))).first().isEqualTo("p-003");
        assertThat(ids(search("espreso "))).first().isEqualTo("p-021");
    }

    @Test
    void twoTyposNeedNineLetters() {
        assertThat(ids(search("espressso machien "))).containsExactly("p-021");
        assertThat(search("sneekr ").total()).isZero(); // 6 letters, 2 edits: too far
    }

    @Test
    void shortWordsMustBeSpelledRight() {
        assertThat(search("boat ").total()).isZero(); // "boot" is 1 edit but the word has only 4 letters
    }

    @Test
    void theWordBeingTypedMatchesAsAPrefix() {
        assertThat(ids(search("espr"))).containsExactly("p-021");
        assertThat(ids(search("city sne"))).containsExactly("p-002");
        assertThat(search("espr ").total()).isZero(); // a finished word is not a prefix
    }

    @Test
    void synonymsFromTheFile() {
        assertThat(ids(search("tee "))).containsExactly("p-010");
    }

    @Test
    void didYouMeanWhenNothingMatches() {
        SearchResults r = search("sneekr ");
        assertThat(r.total()).isZero();
        assertThat(r.suggestion()).isEqualTo("sneaker");
        assertThat(search("zzzzqqq ").suggestion()).isNull();
    }

    @Test
    void highlightsAreMarkedAndTheRestIsEscaped() {
        SearchResults r = search("kettle ");
        SearchResults.Item item = r.items().get(0);
        assertThat(item.titleHtml()).isEqualTo("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; <mark>Kettle</mark>");
        assertThat(item.title()).isEqualTo("<script>alert(1)</script> Kettle");
        assertThat(item.snippet()).doesNotContain("<b>").contains("&lt;b&gt;").contains("&amp;");
        assertThat(search("water ").items().get(0).snippet()).contains("<mark>water</mark>");
    }

    @Test
    void inactiveProductsAreNotFound() {
        assertThat(search("hidden ").total()).isZero();
    }

    @Test
    void facetsCountEveryMatchAndIgnoreTheirOwnFilter() {
        SearchResults all = search("");
        assertThat(all.total()).isEqualTo(52);
        assertThat(all.facets().category()).extracting(SearchResults.CategoryCount::value,
                SearchResults.CategoryCount::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kitchen", 47L), org.assertj.core.groups.Tuple.tuple("shoes", 3L),
                org.assertj.core.groups.Tuple.tuple("apparel", 2L));
        assertThat(all.facets().price().stream().mapToLong(SearchResults.PriceCount::count).sum()).isEqualTo(52);
        SearchResults shoes = search("", "category", "shoes", "maxPrice", "50");
        assertThat(ids(shoes)).containsExactlyInAnyOrder("p-001", "p-002");
        assertThat(shoes.facets().category()).hasSize(3); // the category facet ignores the category filter
        assertThat(shoes.facets().price().get(0).count()).isEqualTo(1); // 0-25 among shoes
        assertThat(shoes.facets().price().get(4).count()).isZero();
    }

    @Test
    void sortsByPriceAndNewest() {
        assertThat(ids(search("", "category", "shoes", "sort", "price_asc"))).containsExactly("p-001", "p-002", "p-003");
        assertThat(ids(search("", "category", "shoes", "sort", "price_desc"))).containsExactly("p-003", "p-002", "p-001");
        assertThat(ids(search("", "category", "shoes", "sort", "newest"))).containsExactly("p-003", "p-002", "p-001");
    }

    @Test
    void deepPagingWithACursorHasNoDuplicatesOrGaps() {
        for (String sort : List.of("relevance", "price_asc", "newest")) {
            Set<String> seen = new HashSet<>();
            String after = null;
            int pages = 0;
            do {
                SearchResults page = after == null ? search("widget", "sort", sort, "size", "7")
                        : search("widget", "sort", sort, "size", "7", "after", after);
                for (String id : ids(page)) {
                    assertThat(seen.add(id)).as("duplicate " + id + " sorted by " + sort).isTrue();
                }
                after = page.next();
                pages++;
            } while (after != null && pages < 20);
            assertThat(seen).as(sort).hasSize(45);
        }
    }

    @Test
    void offsetPagesToo() {
        List<String> first = ids(search("", "sort", "price_asc", "size", "5", "page", "1"));
        List<String> second = ids(search("", "sort", "price_asc", "size", "5", "page", "2"));
        assertThat(first).doesNotContainAnyElementsOf(second).hasSize(5);
        assertThat(second).hasSize(5);
    }

    @Test
    void pagesAreTheirOwnKind() {
        SearchResults pages = search("espresso", "type", "page");
        assertThat(pages.items()).extracting(SearchResults.Item::url).containsExactly("http://127.0.0.1/about");
        assertThat(pages.items().get(0).type()).isEqualTo("page");
        assertThat(ids(search("espresso "))).containsExactly("p-021");
        assertThat(ids(search("leather boots", "type", "page"))).containsExactly("http://127.0.0.1/guide");
    }

    @Test
    void aRenamedCategoryIsSearchableByItsNewName() throws Exception {
        index.category("c3", "kitchen", "Cookware");
        index.refresh();
        assertThat(search("cookware ").total()).isEqualTo(47);
        assertThat(search("", "category", "kitchen").facets().category())
                .anySatisfy(c -> assertThat(c.label()).isEqualTo("Cookware"));
        index.category("c3", "kitchen", "Kitchen");
        index.refresh();
    }
}
