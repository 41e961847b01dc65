package com.eventshop.search.index;

import com.eventshop.contracts.events.PageCrawled;
import com.eventshop.contracts.tables.Product;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.MMapDirectory;

/**
 * One index on disk (memory-mapped: the heap holds only the writer's buffer) with its writer and
 * near-real-time searchers. It is a view of the log: every commit carries the topic offsets it
 * contains ({@code topic:partition -> next offset}), so a restart resumes exactly where the
 * committed index ends. A rebuild fills a new generation beside the live one and swaps them.
 */
public final class IndexGeneration implements Closeable {

    private final Path path;
    private final MMapDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, String> categoryNames = new ConcurrentHashMap<>();
    private final Map<String, String> categorySlugs = new ConcurrentHashMap<>();

    private IndexGeneration(Path path, Analyzers analyzers, double ramBufferMb) throws IOException {
        this.path = path;
        this.directory = new MMapDirectory(path);
        IndexWriterConfig config = new IndexWriterConfig(analyzers.index())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(ramBufferMb)
                .setCommitOnClose(false);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
        loadCategoryNames();
    }

    public static IndexGeneration open(Path path, Analyzers analyzers, double ramBufferMb) {
        try {
            return new IndexGeneration(path, analyzers, ramBufferMb);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index at " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    public SearcherManager searchers() {
        return searchers;
    }

    public Map<String, String> categoryNames() {
        return categoryNames;
    }

    /** The offsets of the last commit: where a feed resumes (empty for a new index). */
    public Map<String, Long> committedOffsets() {
        Map<String, Long> offsets = new HashMap<>();
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                offsets.put(e.getKey(), Long.parseLong(e.getValue()));
            }
        }
        return offsets;
    }

    /** A product changed: indexed when active, removed when not (only active products are found). */
    public void product(String id, Product product, long timestamp) throws IOException {
        if (!product.getActive()) {
            deleteProduct(id);
            return;
        }
        ProductEntry entry = new ProductEntry(id, product.getSku(), product.getSlug(), product.getName(),
                product.getDescription(), product.getPriceCents(), product.getCurrency(),
                product.getCategorySlug(), product.getImageUrl(), timestamp);
        writer.updateDocument(Documents.uid(Fields.PRODUCT, id), Documents.product(entry,
                entry.categorySlug() == null ? null : categoryNames.get(entry.categorySlug())));
    }

    public void deleteProduct(String id) throws IOException {
        writer.deleteDocuments(Documents.uid(Fields.PRODUCT, id));
    }

    /** A category's name: kept, and products of a renamed category are indexed again with the new name. */
    public void category(String id, String slug, String name) throws IOException {
        String oldSlug = categorySlugs.put(id, slug);
        if (oldSlug != null && !oldSlug.equals(slug)) {
            categoryNames.remove(oldSlug);
        }
        String previous = categoryNames.put(slug, name);
        writer.updateDocument(Documents.uid(Fields.CATEGORY_DOC, id), Documents.category(id, slug, name));
        if (!Objects.equals(previous, name)) {
            reindexCategory(slug, name);
        }
    }

    public void deleteCategory(String id) throws IOException {
        String slug = categorySlugs.remove(id);
        if (slug != null) {
            categoryNames.remove(slug);
        }
        writer.deleteDocuments(Documents.uid(Fields.CATEGORY_DOC, id));
    }

    public void page(String url, PageCrawled page) throws IOException {
        writer.updateDocument(Documents.uid(Fields.PAGE, url), Documents.page(url, page));
    }

    public void deletePage(String url) throws IOException {
        writer.deleteDocuments(Documents.uid(Fields.PAGE, url));
    }

    /** Makes the changes so far visible to searches (near real time, no commit). */
    public void refresh() throws IOException {
        searchers.maybeRefresh();
    }

    /** Makes the changes durable together with the offsets they reach. */
    public void commit(Map<String, Long> offsets) throws IOException {
        Map<String, String> data = new HashMap<>();
        offsets.forEach((k, v) -> data.put(k, Long.toString(v)));
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
    }

    public int documents() {
        return writer.getDocStats().numDocs;
    }

    private void reindexCategory(String slug, String name) throws IOException {
        searchers.maybeRefreshBlocking();
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs docs = searcher.search(new TermQuery(new Term(Fields.CATEGORY, slug)), Integer.MAX_VALUE);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : docs.scoreDocs) {
                ProductEntry entry = Documents.storedProduct(stored.document(hit.doc));
                writer.updateDocument(Documents.uid(Fields.PRODUCT, entry.id()), Documents.product(entry, name));
            }
        } finally {
            searchers.release(searcher);
        }
    }

    private void loadCategoryNames() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs docs = searcher.search(new TermQuery(new Term(Fields.TYPE, Fields.CATEGORY_DOC)), Integer.MAX_VALUE);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : docs.scoreDocs) {
                var doc = stored.document(hit.doc);
                categoryNames.put(doc.get(Fields.SLUG), doc.get(Fields.NAME));
                categorySlugs.put(doc.get(Fields.CATEGORY_ID), doc.get(Fields.SLUG));
            }
        } finally {
            searchers.release(searcher);
        }
    }

    /** Closes without committing what the last commit does not hold (a restart replays it). */
    @Override
    public void close() {
        try {
            searchers.close();
            writer.rollback();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
