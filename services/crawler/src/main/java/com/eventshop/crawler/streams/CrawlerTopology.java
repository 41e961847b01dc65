package com.eventshop.crawler.streams;

import com.eventshop.contracts.Service;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.commands.CrawlUrl;
import com.eventshop.contracts.events.CrawlResult;
import com.eventshop.contracts.events.PageCrawled;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.CrawlJobStatus;
import com.eventshop.crawler.fetch.HttpFetcher;
import com.eventshop.platform.kafka.streams.DeadLetters;
import java.time.Duration;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The crawler's stream processing, the single writer of the crawler topics:
 *
 * <pre>
 *  crawler.jobs (keyed by jobId)                         crawler.frontier (keyed by host)
 *   CrawlJobRequested | CrawlJobCancelled | CrawlResult    CrawlUrl
 *        │ decode; poison ─▶ dlt.crawler                      │
 *        ▼                                                    ▼
 *  jobs [crawl-jobs, crawl-seen, crawl-fingerprints]    fetch [crawl-hosts, crawl-queue] + global crawl-job-status
 *   start/cancel; count a result; near-duplicates out;    per-host FIFO; wall-clock tick: for each due host
 *   admit links: scope, seen-set, page budget, traps      robots.txt (cached) then one page; politeness delay,
 *        │                                                 429/503 back-off; extract title, text, links, fields
 *        ├─ CrawlUrl ──────────▶ crawler.frontier               │
 *        ├─ PageCrawled ───────▶ crawler.pages                  └─ CrawlResult ──▶ crawler.jobs
 *        └─ CrawlJobStatus ────▶ crawler.job-status ──▶ (global store: the fetcher and the HTTP API read it)
 * </pre>
 *
 * The frontier is keyed by host, so one partition (one instance) owns a host: politeness needs
 * no coordination, and adding instances spreads hosts. A job lives in one partition of
 * crawler.jobs, which owns its seen-set (a RocksDB store: bounded heap), its counters and its
 * page budget. Under exactly_once_v2 a queue entry leaves the queue in the same transaction as
 * its result, and a result's links enter the seen-set in the same transaction as the frontier
 * records they become: a crash repeats at most the fetches of the last uncommitted tick.
 */
public final class CrawlerTopology {

    /** KeyValueStore&lt;jobId, CrawlJobStatus&gt;: the jobs this partition owns. */
    public static final String JOBS_STORE = "crawl-jobs";
    /** KeyValueStore&lt;"jobId url", ""&gt; and &lt;"jobId #shape", count&gt;: every URL a job admitted. */
    public static final String SEEN_STORE = "crawl-seen";
    /** KeyValueStore&lt;"jobId band value", simhashes&gt;: content fingerprints by SimHash band. */
    public static final String FINGERPRINTS_STORE = "crawl-fingerprints";
    /** KeyValueStore&lt;host, "next head nextAt delay"&gt;: each host's queue bounds and schedule. */
    public static final String HOSTS_STORE = "crawl-hosts";
    /** KeyValueStore&lt;"host\u0001seq", CrawlUrl&gt;: each host's queue. */
    public static final String QUEUE_STORE = "crawl-queue";
    /** Global store of crawler.job-status: every job's settings and state, on every instance. */
    public static final String JOB_STATUS_STORE = "crawl-job-status";

    /** Job parameters that are settings, not extraction rules. */
    public static final Set<String> JOB_SETTINGS = Set.of("delay");

    /**
     * @param minDelay         shortest gap between two requests to a host
     * @param maxDelay         longest Crawl-delay or Retry-After honoured
     * @param tick             how often due hosts are looked for
     * @param fetchTimeout     time limit of one request
     * @param maxPageBytes     larger pages are bad pages
     * @param maxParallelFetches hosts fetched at once per task
     * @param maxUrlsPerShape  URLs a job admits per URL shape (digits ignored): the trap guard
     * @param persistentStores RocksDB stores (true) or in-memory stores (tests)
     */
    public record Config(Duration minDelay, Duration maxDelay, Duration tick, Duration fetchTimeout,
                         long maxPageBytes, int maxParallelFetches, int maxUrlsPerShape, boolean persistentStores) {
    }

    private CrawlerTopology() {
    }

    public static void define(StreamsBuilder builder, Config config, HttpFetcher fetcher) {
        String deadLetters = Topics.deadLetterTopic(Service.CRAWLER).name();
        builder.addStateStore(store(config, JOBS_STORE, ContractSerde.of(CrawlJobStatus.class)));
        builder.addStateStore(store(config, SEEN_STORE, Serdes.String()));
        builder.addStateStore(store(config, FINGERPRINTS_STORE, Serdes.String()));
        builder.addStateStore(store(config, HOSTS_STORE, Serdes.String()));
        builder.addStateStore(store(config, QUEUE_STORE, ContractSerde.of(CrawlUrl.class)));
        builder.globalTable(Topics.CRAWLER_JOB_STATUS.name(),
                Consumed.with(Serdes.String(), ContractSerde.of(CrawlJobStatus.class)).withName("read-job-status"),
                Materialized.<String, CrawlJobStatus, KeyValueStore<Bytes, byte[]>>as(JOB_STATUS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(ContractSerde.of(CrawlJobStatus.class)));

        // Jobs: commands and fetch results in, admitted URLs, pages and job status out.
        KStream<String, SpecificRecord> jobOutput = DeadLetters.source(builder, Topics.CRAWLER_JOBS, deadLetters)
                .process(() -> new JobProcessor(config), Named.as("jobs"), JOBS_STORE, SEEN_STORE, FINGERPRINTS_STORE);
        jobOutput.split(Named.as("job-output-"))
                .branch((key, value) -> value instanceof CrawlUrl, Branched.withConsumer(urls -> urls
                        .to(Topics.CRAWLER_FRONTIER.name(), produced(Topics.CRAWLER_FRONTIER, "write-frontier")), "urls"))
                .branch((key, value) -> value instanceof PageCrawled, Branched.withConsumer(pages -> pages
                        .to(Topics.CRAWLER_PAGES.name(), produced(Topics.CRAWLER_PAGES, "write-pages")), "pages"))
                .branch((key, value) -> value instanceof CrawlJobStatus, Branched.withConsumer(status -> status
                        .to(Topics.CRAWLER_JOB_STATUS.name(), produced(Topics.CRAWLER_JOB_STATUS, "write-job-status")),
                        "status"))
                .noDefaultBranch();

        // Fetching: admitted URLs in, per-host politeness, results back to the job's partition.
        DeadLetters.source(builder, Topics.CRAWLER_FRONTIER, deadLetters)
                .process(() -> new FetchProcessor(config, fetcher), Named.as("fetch"), HOSTS_STORE, QUEUE_STORE)
                .filter((key, value) -> value instanceof CrawlResult, Named.as("results"))
                .to(Topics.CRAWLER_JOBS.name(), produced(Topics.CRAWLER_JOBS, "write-results"));
    }

    private static Produced<String, SpecificRecord> produced(com.eventshop.contracts.TopicSpec topic, String name) {
        return Produced.with(Serdes.String(), ContractSerde.forTopic(topic)).withName(name);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(Config config, String name, Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = config.persistentStores()
                ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde);
    }
}
