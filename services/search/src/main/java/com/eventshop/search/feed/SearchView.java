package com.eventshop.search.feed;

import com.eventshop.platform.kafka.DeadLetterPublisher;
import com.eventshop.search.domain.SearchRequest;
import com.eventshop.search.domain.SearchResults;
import com.eventshop.search.index.Analyzers;
import com.eventshop.search.index.IndexGeneration;
import com.eventshop.search.index.IndexQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search view: the live index generation and the feed that keeps it current, under
 * {@code <dir>} (e.g. {@code <data>/state/search}): {@code gen-<n>/} folders and a {@code CURRENT}
 * file naming the live one. {@link #rebuild()} replays the topics into a fresh generation while
 * the live one keeps answering, then swaps the two atomically (a query holds the searcher it
 * started with; the old generation closes a little later).
 */
public final class SearchView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchView.class);
    private static final String CURRENT = "CURRENT";

    /** What a rebuild did. */
    public record RebuildResult(String generation, long records, int documents, long millis) {
    }

    public record Settings(Path dir, Map<String, Object> consumerConfig, Duration refreshInterval,
                           Duration commitInterval, double ramBufferMb, double rebuildRamBufferMb,
                           Duration rebuildTimeout) {
    }

    private final Settings settings;
    private final Analyzers analyzers;
    private final IndexQueries queries;
    private final DeadLetterPublisher deadLetters;
    private final AtomicReference<IndexFeed> live = new AtomicReference<>();
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "search-index-closer");
        t.setDaemon(true);
        return t;
    });
    private final Object rebuilding = new Object();

    public SearchView(Settings settings, Analyzers analyzers, DeadLetterPublisher deadLetters) {
        this.settings = settings;
        this.analyzers = analyzers;
        this.queries = new IndexQueries(analyzers);
        this.deadLetters = deadLetters;
    }

    /** Opens the live generation (a new one when there is none) and starts following the topics. */
    public synchronized void start() {
        try {
            Files.createDirectories(settings.dir());
            Path current = settings.dir().resolve(CURRENT);
            String name = Files.exists(current) ? Files.readString(current, StandardCharsets.UTF_8).strip() : null;
            if (name == null || name.isEmpty() || !Files.isDirectory(settings.dir().resolve(name))) {
                name = nextGenerationName();
                Files.createDirectories(settings.dir().resolve(name));
                point(name);
            }
            IndexGeneration generation = IndexGeneration.open(settings.dir().resolve(name), analyzers,
                    settings.ramBufferMb());
            IndexFeed feed = feed(generation, "search-index", deadLetters);
            live.set(feed);
            feed.start();
            deleteOtherGenerations(name);
            log.info("Search index {} opened ({} documents); following the topics", name, generation.documents());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SearchResults search(SearchRequest request) {
        return withSearcher(w -> queries.search(w.searcher, w.categoryNames, request));
    }

    public List<com.eventshop.search.domain.SearchResults.Item> suggest(String q, int size) {
        return withSearcher(w -> queries.suggest(w.searcher, w.categoryNames, q, size));
    }

    /** Whether the live index has read the topics up to where they ended when it started (readiness). */
    public boolean caughtUp() {
        IndexFeed feed = live.get();
        return feed != null && feed.caughtUp();
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        IndexFeed feed = live.get();
        return feed != null && feed.awaitCaughtUp(timeout);
    }

    public int documents() {
        IndexFeed feed = live.get();
        return feed == null ? 0 : feed.index().documents();
    }

    /**
     * Replays the topics from the beginning into a new generation, then makes it the live one. The
     * live generation answers queries (and follows the topics) all along.
     */
    public RebuildResult rebuild() throws InterruptedException {
        synchronized (rebuilding) {
            long begin = System.nanoTime();
            String name = nextGenerationName();
            Path dir = settings.dir().resolve(name);
            IndexGeneration generation = IndexGeneration.open(dir, analyzers, settings.rebuildRamBufferMb());
            IndexFeed fresh = feed(generation, "search-rebuild-" + name, null);
            fresh.start();
            if (!fresh.awaitCaughtUp(settings.rebuildTimeout())) {
                fresh.close();
                generation.close();
                deleteTree(dir);
                throw new IllegalStateException("The rebuild did not catch up within " + settings.rebuildTimeout());
            }
            try {
                point(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            IndexFeed old = live.getAndSet(fresh);
            long millis = Duration.ofNanos(System.nanoTime() - begin).toMillis();
            log.info("Search index rebuilt into {} in {} ms ({} records, {} documents)", name, millis, fresh.applied(),
                    generation.documents());
            if (old != null) {
                old.close();
                // Queries that took the old searcher a moment ago finish on it; then it goes.
                closer.schedule(() -> {
                    old.index().close();
                    deleteTree(old.index().path());
                }, 5, TimeUnit.SECONDS);
            }
            return new RebuildResult(name, fresh.applied(), generation.documents(), millis);
        }
    }

    private record Searching(IndexSearcher searcher, Map<String, String> categoryNames) {
    }

    private <T> T withSearcher(Function<Searching, T> work) {
        for (int attempt = 0; ; attempt++) {
            IndexFeed feed = live.get();
            if (feed == null) {
                throw new IllegalStateException("The search index is not open");
            }
            SearcherManager manager = feed.index().searchers();
            IndexSearcher searcher;
            try {
                searcher = manager.acquire();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (AlreadyClosedException e) {
                if (attempt < 3) {
                    continue; // swapped a moment ago: take the new generation
                }
                throw e;
            }
            try {
                return work.apply(new Searching(searcher, feed.index().categoryNames()));
            } finally {
                try {
                    manager.release(searcher);
                } catch (IOException | AlreadyClosedException e) {
                    log.debug("Releasing a searcher of a closed generation: {}", e.toString());
                }
            }
        }
    }

    private IndexFeed feed(IndexGeneration generation, String name, DeadLetterPublisher dlt) {
        return new IndexFeed(settings.consumerConfig(), generation, name, settings.refreshInterval(),
                settings.commitInterval(), dlt);
    }

    private String nextGenerationName() {
        return "gen-" + System.currentTimeMillis();
    }

    private void point(String name) throws IOException {
        Path tmp = settings.dir().resolve(CURRENT + ".tmp");
        Files.writeString(tmp, name + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, settings.dir().resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private void deleteOtherGenerations(String keep) throws IOException {
        try (Stream<Path> entries = Files.list(settings.dir())) {
            entries.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("gen-")
                    && !p.getFileName().toString().equals(keep)).forEach(SearchView::deleteTree);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        IndexFeed feed = live.getAndSet(null);
        if (feed != null) {
            feed.close();
            feed.index().close();
        }
        closer.shutdownNow();
    }
}
