package com.eventshop.crawler.streams;

import com.eventshop.contracts.commands.CrawlUrl;
import com.eventshop.contracts.events.CrawlResult;
import com.eventshop.contracts.tables.CrawlJobStatus;
import com.eventshop.crawler.domain.JobLedger;
import com.eventshop.crawler.domain.PageExtractor;
import com.eventshop.crawler.domain.Politeness;
import com.eventshop.crawler.domain.Robots;
import com.eventshop.crawler.domain.SimHash;
import com.eventshop.crawler.domain.UrlNormaliser;
import com.eventshop.crawler.fetch.HttpFetcher;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of the crawl, one partition per set of hosts: queues admitted URLs per host (a
 * FIFO in a state store), and on a wall-clock tick fetches, for every host that is due, the head
 * of its queue: robots.txt first (cached per host), then the page. At most one request per host
 * is in flight, and the next one waits for the host's delay. Results go back to the job's
 * partition; a queue entry leaves the store in the same transaction as its result, so a crash
 * neither loses it nor fetches it again once committed.
 */
final class FetchProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(FetchProcessor.class);
    private static final long ROBOTS_TTL_MS = 3_600_000;
    private static final long ROBOTS_FAILED_TTL_MS = 60_000;
    private static final int MAX_SKIPS_PER_TICK = 200;

    private final CrawlerTopology.Config config;
    private final HttpFetcher fetcher;
    private final Politeness politeness;
    private final PageExtractor extractor;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, String> hosts;
    private KeyValueStore<String, CrawlUrl> queue;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<CrawlJobStatus>> jobs;
    /** robots.txt per host: a cache (re-fetched after a restart or when stale). */
    private final Map<String, CachedRobots> robots = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedRobots> eldest) {
            return size() > 10_000;
        }
    };
    /** job + host whose robots.txt sitemaps were offered to the job (the job's seen-set drops repeats). */
    private final Set<String> sitemapsOffered = new HashSet<>();

    private record CachedRobots(Robots rules, long expiresAt) {
    }

    /** A host's queue and schedule: entries [head, next) are queued; no request before nextAt. */
    record HostState(long next, long head, long nextAt, long delay) {
        static HostState parse(String s) {
            if (s == null) {
                return new HostState(0, 0, 0, -1);
            }
            String[] p = s.split(" ");
            return new HostState(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]));
        }

        String format() {
            return next + " " + head + " " + nextAt + " " + delay;
        }

        boolean empty() {
            return head >= next;
        }
    }

    /** One request of a tick: robots.txt of a host, or the head of its queue. */
    private record Task(String host, HostState state, CrawlUrl entry, CrawlJobStatus job, String url) {
        boolean robots() {
            return entry == null;
        }
    }

    FetchProcessor(CrawlerTopology.Config config, HttpFetcher fetcher) {
        this.config = config;
        this.fetcher = fetcher;
        this.politeness = new Politeness(config.minDelay(), config.maxDelay());
        this.extractor = new PageExtractor(config.maxPageBytes());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.hosts = context.getStateStore(CrawlerTopology.HOSTS_STORE);
        this.queue = context.getStateStore(CrawlerTopology.QUEUE_STORE);
        this.jobs = context.getStateStore(CrawlerTopology.JOB_STATUS_STORE);
        context.schedule(config.tick(), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    /** An admitted URL joins the end of its host's queue. */
    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (!(record.value() instanceof CrawlUrl url)) {
            return;
        }
        HostState state = HostState.parse(hosts.get(url.getHost()));
        queue.put(queueKey(url.getHost(), state.next()), url);
        hosts.put(url.getHost(), new HostState(state.next() + 1, state.head(), state.nextAt(), state.delay()).format());
    }

    private void tick(long now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> all = hosts.all()) {
            while (all.hasNext() && due.size() < config.maxParallelFetches()) {
                KeyValue<String, String> entry = all.next();
                HostState state = HostState.parse(entry.value);
                if (!state.empty() && state.nextAt() <= now) {
                    due.add(entry.key);
                }
            }
        }
        List<Task> tasks = new ArrayList<>();
        for (String host : due) {
            Task task = next(host, HostState.parse(hosts.get(host)), now);
            if (task != null) {
                tasks.add(task);
            }
        }
        if (tasks.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<String> urls = tasks.stream().map(Task::url).toList();
        List<CompletableFuture<HttpFetcher.Response>> futures = tasks.stream()
                .map(t -> fetcher.get(t.url(), t.robots() ? 512 * 1024 : config.maxPageBytes())).toList();
        List<HttpFetcher.Response> responses = HttpFetcher.await(urls, futures,
                System.nanoTime() + config.fetchTimeout().toNanos() + 1_000_000_000L);
        log.debug("tick: {} fetches in {} ms: {}", tasks.size(), (System.nanoTime() - started) / 1_000_000, urls);
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            if (task.robots()) {
                robotsFetched(task, responses.get(i));
            } else {
                pageFetched(task, responses.get(i));
            }
        }
    }

    /**
     * The request a due host makes now, or null: entries of jobs that are over are dropped,
     * entries robots.txt disallows are answered without a request.
     */
    private Task next(String host, HostState state, long now) {
        for (int skipped = 0; !state.empty() && skipped < MAX_SKIPS_PER_TICK; skipped++) {
            String key = queueKey(host, state.head());
            CrawlUrl entry = queue.get(key);
            if (entry == null) {
                state = advance(host, state);
                continue;
            }
            ValueAndTimestamp<CrawlJobStatus> job = jobs.get(entry.getJobId());
            if (job == null || job.value() == null) {
                return null; // the job's status has not reached this instance yet
            }
            if (JobLedger.terminal(job.value())) {
                queue.delete(key);
                state = advance(host, state);
                continue;
            }
            CachedRobots cached = robots.get(host);
            if (cached == null || cached.expiresAt() < now) {
                return new Task(host, state, null, job.value(), UrlNormaliser.origin(entry.getUrl()) + "/robots.txt");
            }
            if (JobLedger.KIND_PAGE.equals(entry.getKind()) && !cached.rules().allowed(entry.getUrl())) {
                queue.delete(key);
                state = advance(host, state);
                emit(result(entry, JobLedger.ROBOTS, 0, "disallowed by robots.txt", now).build());
                continue;
            }
            return new Task(host, state, entry, job.value(), entry.getUrl());
        }
        return null;
    }

    /** The head entry is done: the queue moves on (the host keeps its schedule when it runs empty). */
    private HostState advance(String host, HostState state) {
        HostState next = new HostState(state.next(), state.head() + 1, state.nextAt(), state.delay());
        hosts.put(host, next.format());
        return next;
    }

    private void robotsFetched(Task task, HttpFetcher.Response response) {
        Robots rules;
        long ttl = ROBOTS_TTL_MS;
        if (response.failed()) {
            rules = Robots.unreachable();
            ttl = ROBOTS_FAILED_TTL_MS;
        } else if (response.status() >= 300 && response.status() < 400) {
            rules = Robots.of(task.url(), 404, new byte[0], null); // a redirected robots.txt: allow all
        } else {
            rules = Robots.of(task.url(), response.status(), response.body(), response.contentType());
            if (response.status() >= 500 || response.status() == 429) {
                ttl = ROBOTS_FAILED_TTL_MS;
            }
        }
        robots.put(task.host(), new CachedRobots(rules, response.finishedAt() + ttl));
        long delay = politeness.delayMillis(rules.crawlDelayMillis());
        HostState state = HostState.parse(hosts.get(task.host()));
        hosts.put(task.host(), new HostState(state.next(), state.head(), politeness.nextAt(response.finishedAt(), delay),
                delay).format());
    }

    private void pageFetched(Task task, HttpFetcher.Response response) {
        CrawlUrl entry = task.entry();
        HostState state = HostState.parse(hosts.get(task.host()));
        long delay = Math.max(Math.max(state.delay(), politeness.delayMillis(-1)), jobDelay(task.job()));
        String key = queueKey(task.host(), state.head());
        if (response.status() == 429 || response.status() == 503) {
            int attempts = entry.getAttempts() + 1;
            long retryAt = politeness.retryAt(response.finishedAt(), response.retryAfter(), attempts, delay);
            if (attempts < Politeness.MAX_ATTEMPTS) {
                queue.put(key, CrawlUrl.newBuilder(entry).setAttempts(attempts).build());
                hosts.put(task.host(), new HostState(state.next(), state.head(), retryAt, state.delay()).format());
                log.debug("{} answered {}; next try at {}", entry.getUrl(), response.status(), Instant.ofEpochMilli(retryAt));
                return;
            }
            queue.delete(key);
            state = advance(task.host(), state);
            hosts.put(task.host(), new HostState(state.next(), state.head(), retryAt, state.delay()).format());
            emit(result(entry, JobLedger.ERROR, response.status(), "still " + response.status() + " after "
                    + attempts + " attempts", response.finishedAt()).build());
            return;
        }
        queue.delete(key);
        state = advance(task.host(), state);
        hosts.put(task.host(), new HostState(state.next(), state.head(),
                politeness.nextAt(response.finishedAt(), delay), state.delay()).format());
        offerSitemaps(entry, response.finishedAt());
        emit(outcome(entry, task.job(), response).build());
    }

    private CrawlResult.Builder outcome(CrawlUrl entry, CrawlJobStatus job, HttpFetcher.Response response) {
        long at = response.finishedAt();
        if (response.failed()) {
            return result(entry, JobLedger.ERROR, 0, response.error(), at);
        }
        int status = response.status();
        if (status >= 300 && status < 400 && response.location() != null) {
            List<String> target = UrlNormaliser.normalise(entry.getUrl(), response.location()).stream().toList();
            return result(entry, JobLedger.REDIRECT, status, "to " + response.location(), at).setLinks(target)
                    .setLinkKind(entry.getKind());
        }
        if (status < 200 || status >= 300) {
            return result(entry, JobLedger.ERROR, status, "HTTP " + status, at);
        }
        if (JobLedger.KIND_SITEMAP.equals(entry.getKind())) {
            return sitemap(entry, response);
        }
        try {
            PageExtractor.Page page = extractor.extract(entry.getUrl(), response.contentType(), response.body(),
                    selectors(job));
            return result(entry, JobLedger.FETCHED, status, "", at).setTitle(page.title()).setText(page.text())
                    .setFields(page.fields()).setSimhash(SimHash.of(page.title() + " " + page.text()))
                    .setLinks(page.links());
        } catch (PageExtractor.BadPage bad) {
            return result(entry, JobLedger.BAD, status, bad.getMessage(), at);
        }
    }

    private CrawlResult.Builder sitemap(CrawlUrl entry, HttpFetcher.Response response) {
        long at = response.finishedAt();
        try {
            AbstractSiteMap parsed = new SiteMapParser(false).parseSiteMap(
                    response.contentType() == null ? "text/xml" : response.contentType(), response.body(),
                    new URL(entry.getUrl()));
            List<String> links = new ArrayList<>();
            String kind = JobLedger.KIND_PAGE;
            if (parsed instanceof SiteMapIndex index) {
                kind = JobLedger.KIND_SITEMAP;
                index.getSitemaps().forEach(s -> links.add(s.getUrl().toString()));
            } else if (parsed instanceof SiteMap map) {
                map.getSiteMapUrls().forEach(u -> links.add(u.getUrl().toString()));
            }
            return result(entry, JobLedger.SITEMAP, response.status(), links.size() + " URLs", at).setLinks(links)
                    .setLinkKind(kind);
        } catch (Exception e) {
            return result(entry, JobLedger.BAD, response.status(), "unreadable sitemap: " + e.getMessage(), at);
        }
    }

    /** The sitemaps robots.txt names for this host, offered to a job with its first page there. */
    private void offerSitemaps(CrawlUrl entry, long at) {
        CachedRobots cached = robots.get(entry.getHost());
        if (cached == null || cached.rules().sitemaps().isEmpty()
                || !sitemapsOffered.add(entry.getJobId() + " " + entry.getHost())) {
            return;
        }
        emit(result(entry, JobLedger.SITEMAPS, 0, "", at).setLinks(List.copyOf(cached.rules().sitemaps()))
                .setLinkKind(JobLedger.KIND_SITEMAP).build());
    }

    /** A longer per-host delay a job asks for ({@code delay} parameter, milliseconds), capped at the maximum. */
    private long jobDelay(CrawlJobStatus job) {
        String delay = job.getParams().get("delay");
        if (delay == null) {
            return 0;
        }
        try {
            return politeness.delayMillis(Long.parseLong(delay));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The job's extraction rules: every parameter but the job settings is a field's CSS selector. */
    static Map<String, String> selectors(CrawlJobStatus job) {
        Map<String, String> selectors = new HashMap<>(job.getParams());
        CrawlerTopology.JOB_SETTINGS.forEach(selectors::remove);
        return selectors;
    }

    private static CrawlResult.Builder result(CrawlUrl entry, String outcome, int status, String detail, long at) {
        return CrawlResult.newBuilder().setJobId(entry.getJobId()).setUrl(entry.getUrl()).setHost(entry.getHost())
                .setDepth(entry.getDepth()).setKind(entry.getKind()).setOutcome(outcome).setStatus(status)
                .setDetail(detail == null ? "" : detail).setFetchedAt(Instant.ofEpochMilli(at));
    }

    private void emit(CrawlResult result) {
        context.forward(new Record<>(result.getJobId(), result, System.currentTimeMillis()));
    }

    static String queueKey(String host, long seq) {
        return host + "\u0001" + String.format("%019d", seq);
    }

    @Override
    public void close() {
        // the fetcher is shared by the topology's tasks and closed with the application
    }
}
