package com.eventshop.search.index;

import com.eventshop.search.domain.Cursor;
import com.eventshop.search.domain.DocType;
import com.eventshop.search.domain.PriceRanges;
import com.eventshop.search.domain.SearchRequest;
import com.eventshop.search.domain.SearchResults;
import com.eventshop.search.domain.SearchResults.CategoryCount;
import com.eventshop.search.domain.SearchResults.Facets;
import com.eventshop.search.domain.SearchResults.Item;
import com.eventshop.search.domain.SearchResults.PriceCount;
import com.eventshop.search.domain.SortOrder;
import com.eventshop.search.domain.Typos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.range.LongRange;
import org.apache.lucene.facet.range.LongRangeFacetCounts;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * The search rules in Lucene terms. Relevance is BM25 over three fields with boosts (title 3,
 * category 2, description 1), so a title match outranks a description-only one. Every query
 * word must match some field: exactly (with synonyms), with typos (1 edit from 5 letters, 2 from 9,
 * at half weight), or, for the word being typed, as a title prefix. Facet counts are exact (every
 * match is counted); each facet ignores its own filter, so the other choices stay visible.
 */
public final class IndexQueries {

    static final float TITLE_BOOST = 3f;
    static final float CATEGORY_BOOST = 2f;
    static final float DESCRIPTION_BOOST = 1f;
    static final float TYPO_WEIGHT = 0.5f;
    static final float PREFIX_WEIGHT = 0.7f;
    static final int FUZZY_EXPANSIONS = 30;
    static final int SNIPPET_CHARS = 160;

    private static final SortField BY_ID = new SortField(Fields.ID, SortField.Type.STRING);

    private final Analyzers analyzers;
    private final QueryBuilder synonymsQueryBuilder;
    private final Analyzer plainWords = Analyzers.plainWords();

    public IndexQueries(Analyzers analyzers) {
        this.analyzers = analyzers;
        this.synonymsQueryBuilder = new QueryBuilder(analyzers.query());
    }

    /** The answer of GET /api/search. */
    public SearchResults search(IndexSearcher searcher, Map<String, String> categoryNames, SearchRequest request) {
        try {
            return run(searcher, categoryNames, request, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Type-ahead: the best few products for what is typed so far (the last word as a prefix). */
    public List<Item> suggest(IndexSearcher searcher, Map<String, String> categoryNames, String q, int size) {
        SearchRequest request = SearchRequest.parse(q, "product", null, null, null, null, null,
                Integer.toString(size), null);
        try {
            return run(searcher, categoryNames, request, false).items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchResults run(IndexSearcher searcher, Map<String, String> categoryNames, SearchRequest request,
                              boolean full) throws IOException {
        SearchResults results = run(searcher, categoryNames, request, full, false);
        if (results.total() == 0 && !request.q().isBlank()) {
            // A misspelling that is itself a word of the index: look at the neighbours of every word
            return run(searcher, categoryNames, request, full, true); // and "did you mean" if still nothing
        }
        return results;
    }

    private SearchResults run(IndexSearcher searcher, Map<String, String> categoryNames, SearchRequest request,
                              boolean full, boolean fuzzyAlways) throws IOException {
        Query text = text(request.q(), searcher.getIndexReader(), fuzzyAlways);
        Query query = filtered(request, text);
        Sort sort = sort(request.sort());
        int numHits = request.offset() + request.size();
        FieldDoc after = request.after().map(IndexQueries::fieldDoc).orElse(null);
        TopFieldCollectorManager top = new TopFieldCollectorManager(sort, numHits, after, Integer.MAX_VALUE);
        boolean products = request.type() == DocType.PRODUCT;
        TopFieldDocs docs;
        Facets facets = Facets.NONE;
        if (full && products) {
            Object[] both = searcher.search(query, new MultiCollectorManager(top, new FacetsCollectorManager()));
            docs = (TopFieldDocs) both[0];
            FacetsCollector matches = (FacetsCollector) both[1];
            FacetsCollector forCategories = request.category() == null ? matches
                    : searcher.search(filtered(request.withoutCategory(), text), new FacetsCollectorManager());
            FacetsCollector forPrices = request.minPriceCents() == null && request.maxPriceCents() == null ? matches
                    : searcher.search(filtered(request.withoutPrice(), text), new FacetsCollectorManager());
            facets = new Facets(categoryCounts(forCategories, categoryNames), priceCounts(forPrices));
        } else {
            docs = searcher.search(query, top);
        }
        long total = docs.totalHits.value;
        List<Item> items = items(searcher, docs, request, text, categoryNames);
        String suggestion = null;
        if (full && fuzzyAlways && total == 0) {
            suggestion = didYouMean(searcher, request).orElse(null);
        }
        String next = null;
        ScoreDoc[] hits = docs.scoreDocs;
        if (hits.length == numHits && hits.length > 0 && (after != null || total > numHits)) {
            next = cursor(request.sort(), (FieldDoc) hits[hits.length - 1]).encode();
        }
        return new SearchResults(total, items, facets, suggestion, next);
    }

    /**
     * The query words as a query (null: no text, everything matches). A word is looked up with
     * typos only when no field has it as typed (or when {@code fuzzyAlways}): what is spelled
     * right costs no fuzzy expansion.
     */
    Query text(String q, IndexReader reader, boolean fuzzyAlways) throws IOException {
        if (q == null || q.isBlank()) {
            return null;
        }
        List<String> words = words(q);
        if (words.isEmpty()) {
            return new MatchNoDocsQuery("no words");
        }
        boolean typing = !Character.isWhitespace(q.charAt(q.length() - 1));
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            boolean typos = fuzzyAlways || !known(reader, word);
            field(any, Fields.TITLE, word, TITLE_BOOST, typos);
            field(any, Fields.CATEGORY_TEXT, word, CATEGORY_BOOST, typos);
            field(any, Fields.DESCRIPTION, word, DESCRIPTION_BOOST, typos);
            if (typing && i == words.size() - 1) {
                any.add(new BoostQuery(new PrefixQuery(new Term(Fields.PREFIX_TITLE, word)),
                        TITLE_BOOST * PREFIX_WEIGHT), Occur.SHOULD);
            }
            all.add(any.build(), Occur.MUST);
        }
        return all.build();
    }

    /** Whether some searchable field has the word as typed (then it is not looked up with typos). */
    private boolean known(IndexReader reader, String word) throws IOException {
        for (String field : new String[] {Fields.TITLE, Fields.CATEGORY_TEXT, Fields.DESCRIPTION}) {
            String stem = analyzeOne(analyzers.index(), field, word);
            if (stem != null && reader.docFreq(new Term(field, stem)) > 0) {
                return true;
            }
        }
        return false;
    }

    private void field(BooleanQuery.Builder any, String field, String word, float boost, boolean typos) {
        Query exact = synonymsQueryBuilder.createBooleanQuery(field, word);
        if (exact != null) {
            any.add(new BoostQuery(exact, boost), Occur.SHOULD);
        }
        int edits = Typos.maxEdits(word);
        if (edits > 0) {
            String stem = analyzeOne(analyzers.index(), field, word);
            if (stem != null && typos) {
                any.add(new BoostQuery(new FuzzyQuery(new Term(field, stem), edits, 0, FUZZY_EXPANSIONS, true),
                        boost * TYPO_WEIGHT), Occur.SHOULD);
            }
        }
    }

    private Query filtered(SearchRequest request, Query text) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(text == null ? new MatchAllDocsQuery() : text, Occur.MUST);
        b.add(new TermQuery(new Term(Fields.TYPE, request.type() == DocType.PAGE ? Fields.PAGE : Fields.PRODUCT)),
                Occur.FILTER);
        if (request.category() != null) {
            b.add(new TermQuery(new Term(Fields.CATEGORY, request.category())), Occur.FILTER);
        }
        if (request.minPriceCents() != null || request.maxPriceCents() != null) {
            long min = request.minPriceCents() == null ? Long.MIN_VALUE : request.minPriceCents();
            long max = request.maxPriceCents() == null ? Long.MAX_VALUE : request.maxPriceCents();
            b.add(LongPoint.newRangeQuery(Fields.PRICE, min, max), Occur.FILTER);
        }
        return b.build();
    }

    static Sort sort(SortOrder order) {
        return switch (order) {
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, BY_ID);
            case PRICE_ASC -> new Sort(new SortField(Fields.PRICE, SortField.Type.LONG), BY_ID);
            case PRICE_DESC -> new Sort(new SortField(Fields.PRICE, SortField.Type.LONG, true), BY_ID);
            case NEWEST -> new Sort(new SortField(Fields.UPDATED, SortField.Type.LONG, true), BY_ID);
        };
    }

    private static FieldDoc fieldDoc(Cursor cursor) {
        Object key = cursor.sort() == SortOrder.RELEVANCE ? (Object) cursor.score() : (Object) cursor.key();
        float score = cursor.sort() == SortOrder.RELEVANCE ? cursor.score() : Float.NaN;
        return new FieldDoc(Integer.MAX_VALUE, score, new Object[] {key, new BytesRef(cursor.id())});
    }

    private static Cursor cursor(SortOrder order, FieldDoc last) {
        String id = ((BytesRef) last.fields[1]).utf8ToString();
        if (order == SortOrder.RELEVANCE) {
            return Cursor.ofScore((Float) last.fields[0], id);
        }
        return new Cursor(order, (Long) last.fields[0], id);
    }

    private List<CategoryCount> categoryCounts(FacetsCollector matches, Map<String, String> names) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (FacetsCollector.MatchingDocs segment : matches.getMatchingDocs()) {
            SortedDocValues values = DocValues.getSorted(segment.context.reader(), Fields.CATEGORY);
            int[] perOrd = new int[Math.max(values.getValueCount(), 1)];
            DocIdSetIterator docs = segment.bits.iterator();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (values.advanceExact(doc)) {
                    perOrd[values.ordValue()]++;
                }
            }
            for (int ord = 0; ord < values.getValueCount(); ord++) {
                if (perOrd[ord] > 0) {
                    counts.merge(values.lookupOrd(ord).utf8ToString(), (long) perOrd[ord], Long::sum);
                }
            }
        }
        return counts.entrySet().stream()
                .map(e -> new CategoryCount(e.getKey(), names.getOrDefault(e.getKey(), e.getKey()), e.getValue()))
                .sorted(Comparator.comparingLong(CategoryCount::count).reversed().thenComparing(CategoryCount::label))
                .toList();
    }

    private List<PriceCount> priceCounts(FacetsCollector matches) throws IOException {
        LongRange[] ranges = PriceRanges.DEFAULT.stream()
                .map(r -> new LongRange(r.label(), r.fromCents(), true,
                        r.toCents() == null ? Long.MAX_VALUE : r.toCents(), r.toCents() == null))
                .toArray(LongRange[]::new);
        FacetResult result = new LongRangeFacetCounts(Fields.PRICE, matches, ranges).getAllChildren(Fields.PRICE);
        List<PriceCount> counts = new ArrayList<>();
        for (int i = 0; i < ranges.length; i++) {
            PriceRanges.Range range = PriceRanges.DEFAULT.get(i);
            long count = 0;
            for (LabelAndValue lv : result.labelValues) {
                if (lv.label.equals(range.label())) {
                    count = lv.value.longValue();
                }
            }
            counts.add(new PriceCount(BigDecimal.valueOf(range.fromCents(), 2),
                    range.toCents() == null ? null : BigDecimal.valueOf(range.toCents(), 2), count));
        }
        return counts;
    }

    private List<Item> items(IndexSearcher searcher, TopFieldDocs docs, SearchRequest request, Query text,
                             Map<String, String> categoryNames) throws IOException {
        ScoreDoc[] hits = docs.scoreDocs;
        int from = Math.min(request.offset(), hits.length);
        int count = hits.length - from;
        if (count <= 0) {
            return List.of();
        }
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = hits[from + i].doc;
        }
        StoredFields stored = searcher.storedFields();
        Map<Integer, Document> loaded = new HashMap<>();
        for (int id : ids) {
            loaded.put(id, stored.document(id));
        }
        // Rewritten once: typo and prefix queries become the terms they matched, so the
        // highlighter does not expand them again for every hit; it reads the texts loaded above.
        Map<String, String[]> highlights = text == null ? Map.of()
                : highlighter(searcher, loaded).highlightFields(new String[] {Fields.TITLE, Fields.DESCRIPTION},
                        searcher.rewrite(text), ids, new int[] {1, 1});
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Document doc = loaded.get(ids[i]);
            String title = doc.get(Fields.TITLE);
            String titleHtml = highlight(highlights, Fields.TITLE, i, title);
            String snippet = highlight(highlights, Fields.DESCRIPTION, i, head(doc.get(Fields.DESCRIPTION)));
            String id = doc.get(Fields.ID);
            if (request.type() == DocType.PAGE) {
                items.add(new Item("page", id, title, titleHtml, doc.get(Fields.URL), snippet, null, null, null, null,
                        null));
            } else {
                String category = doc.get(Fields.CATEGORY);
                long cents = doc.getField(Fields.PRICE).numericValue().longValue();
                items.add(new Item("product", id, title, titleHtml, "/#/p/" + urlEncode(id), snippet,
                        BigDecimal.valueOf(cents, 2), doc.get(Fields.CURRENCY), category,
                        category == null ? null : categoryNames.getOrDefault(category, category), doc.get(Fields.IMAGE)));
            }
        }
        return items;
    }

    private UnifiedHighlighter highlighter(IndexSearcher searcher, Map<Integer, Document> loaded) {
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzers.index())
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withMaxLength(Documents.MAX_TEXT_CHARS)
                .withMaxNoHighlightPassages(0)
                .withWeightMatches(false); // term offsets from the postings: cheaper, same marks for these queries
        return new UnifiedHighlighter(builder) {
            @Override
            protected BreakIterator getBreakIterator(String field) {
                return Fields.TITLE.equals(field) ? new WholeBreakIterator()
                        : LengthGoalBreakIterator.createClosestToLength(
                                BreakIterator.getSentenceInstance(Locale.ROOT), SNIPPET_CHARS, 0.3f);
            }

            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheChars)
                    throws IOException {
                List<CharSequence[]> values = new ArrayList<>();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    Document d = loaded.get(doc);
                    CharSequence[] row = new CharSequence[fields.length];
                    for (int f = 0; f < fields.length; f++) {
                        String value = d == null ? null : d.get(fields[f]);
                        row[f] = value == null ? "" : value;
                    }
                    values.add(row);
                }
                return values;
            }
        };
    }

    private static String highlight(Map<String, String[]> highlights, String field, int i, String plain) {
        String[] values = highlights.get(field);
        if (values != null && values[i] != null && !values[i].isEmpty()) {
            return values[i];
        }
        return Html.escape(plain == null ? "" : plain);
    }

    private static String head(String text) {
        if (text == null || text.length() <= SNIPPET_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', SNIPPET_CHARS);
        return text.substring(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS) + "…";
    }

    private static String urlEncode(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * "Did you mean": each word the titles and category names do not contain is replaced by its
     * closest spelling there (up to 2 edits); offered only when that query finds something.
     */
    private Optional<String> didYouMean(IndexSearcher searcher, SearchRequest request) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        DirectSpellChecker spelling = new DirectSpellChecker();
        spelling.setMaxEdits(2);
        spelling.setMinPrefix(0);
        spelling.setMinQueryLength(3);
        List<String> words = words(request.q());
        List<String> corrected = new ArrayList<>();
        boolean changed = false;
        for (String word : words) {
            Term term = new Term(Fields.SPELL, word);
            if (reader.docFreq(term) > 0) {
                corrected.add(word);
                continue;
            }
            SuggestWord[] similar = spelling.suggestSimilar(term, 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
            if (similar.length > 0) {
                corrected.add(similar[0].string);
                changed = true;
            } else {
                corrected.add(word);
            }
        }
        if (!changed) {
            return Optional.empty();
        }
        String suggestion = String.join(" ", corrected);
        SearchRequest retry = request.withQuery(suggestion + " ");
        return searcher.count(filtered(retry, text(retry.q(), reader, true))) > 0 ? Optional.of(suggestion)
                : Optional.empty();
    }

    /** The words of a query as typed: lower case, accents folded, not stemmed. */
    List<String> words(String q) {
        List<String> words = new ArrayList<>();
        try (TokenStream stream = plainWords.tokenStream(Fields.SPELL, q)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && words.size() < 20) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    private static String analyzeOne(Analyzer analyzer, String field, String word) {
        try (TokenStream stream = analyzer.tokenStream(field, word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            String first = stream.incrementToken() ? term.toString() : null;
            stream.end();
            return first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
