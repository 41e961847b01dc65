package com.eventshop.crawler.streams;

import com.eventshop.contracts.commands.CrawlJobCancelled;
import com.eventshop.contracts.commands.CrawlJobRequested;
import com.eventshop.contracts.commands.CrawlUrl;
import com.eventshop.contracts.events.CrawlResult;
import com.eventshop.contracts.events.PageCrawled;
import com.eventshop.contracts.tables.CrawlJobStatus;
import com.eventshop.crawler.domain.CrawlScope;
import com.eventshop.crawler.domain.JobLedger;
import com.eventshop.crawler.domain.SimHash;
import com.eventshop.crawler.domain.UrlNormaliser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job side of the crawl, one partition per job: starts and cancels jobs, and for every
 * fetch result counts it, drops near-duplicate content, publishes the page and admits its links
 * through the job's scope, the seen-set and the page budget. Admitted URLs leave keyed by host
 * for the fetcher; every change of the job leaves as its CrawlJobStatus.
 */
final class JobProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(JobProcessor.class);
    private static final int MAX_CANDIDATES = 32;
    /** Key prefix, in the seen store, of the jobs that are over and whose seen-set is still to be removed. */
    static final String CLEANUP = "\u0000cleanup ";
    private static final int CLEANUP_BUDGET = 20_000;

    private final CrawlerTopology.Config config;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, CrawlJobStatus> jobs;
    private KeyValueStore<String, String> seen;
    private KeyValueStore<String, String> fingerprints;

    JobProcessor(CrawlerTopology.Config config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.jobs = context.getStateStore(CrawlerTopology.JOBS_STORE);
        this.seen = context.getStateStore(CrawlerTopology.SEEN_STORE);
        this.fingerprints = context.getStateStore(CrawlerTopology.FINGERPRINTS_STORE);
        context.schedule(java.time.Duration.ofSeconds(1), org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME,
                now -> cleanUp());
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        if (record.value() instanceof CrawlJobRequested request) {
            start(request, now);
        } else if (record.value() instanceof CrawlJobCancelled cancel) {
            CrawlJobStatus job = jobs.get(cancel.getJobId());
            if (job != null && JobLedger.cancel(job, now)) {
                seen.put(CLEANUP + job.getJobId(), "");
                save(job);
            }
        } else if (record.value() instanceof CrawlResult result) {
            CrawlJobStatus job = jobs.get(result.getJobId());
            if (job == null || JobLedger.terminal(job)) {
                return;
            }
            apply(job, result, now);
            if (JobLedger.settle(job, now)) {
                seen.put(CLEANUP + job.getJobId(), "");
            }
            save(job);
        }
    }

    private void start(CrawlJobRequested request, Instant now) {
        if (jobs.get(request.getJobId()) != null) {
            return; // the same request again (retried POST, same Idempotency-Key)
        }
        CrawlJobStatus job = JobLedger.open(request, now);
        CrawlScope scope = JobLedger.scope(job);
        for (String seed : request.getSeeds()) {
            admit(job, scope, seed, 0, JobLedger.KIND_PAGE);
        }
        if (JobLedger.settle(job, now)) {
            seen.put(CLEANUP + job.getJobId(), "");
        }
        log.info("Crawl job {} started: {} seed(s), depth {}, at most {} pages", job.getJobId(),
                request.getSeeds().size(), job.getMaxDepth(), job.getMaxPages());
        save(job);
    }

    private void apply(CrawlJobStatus job, CrawlResult result, Instant now) {
        CrawlScope scope = JobLedger.scope(job);
        String outcome = result.getOutcome();
        if (JobLedger.SITEMAPS.equals(outcome)) {
            for (String sitemap : result.getLinks()) {
                admit(job, scope, sitemap, Math.min(1, job.getMaxDepth()), JobLedger.KIND_SITEMAP);
            }
            return;
        }
        JobLedger.result(job, outcome);
        switch (outcome) {
            case JobLedger.FETCHED -> {
                if (nearDuplicate(job.getJobId(), result.getSimhash())) {
                    JobLedger.nearDuplicate(job);
                } else {
                    publish(job, result);
                }
                for (String link : result.getLinks()) {
                    admit(job, scope, link, result.getDepth() + 1, JobLedger.KIND_PAGE);
                }
            }
            case JobLedger.REDIRECT -> {
                for (String link : result.getLinks()) {
                    admit(job, scope, link, result.getDepth(), result.getKind());
                }
            }
            case JobLedger.SITEMAP -> {
                // a sitemap's pages count as linked from the site's root; an index lists more sitemaps
                for (String link : result.getLinks()) {
                    admit(job, scope, link, Math.min(1, job.getMaxDepth()), result.getLinkKind());
                }
            }
            default -> {
            }
        }
    }

    /**
     * A job that is over needs its seen-set and fingerprints no more: they are removed a slice at
     * a time (the job's status stays), so the stores hold the running jobs, not every job ever run.
     */
    private void cleanUp() {
        List<String> over = new ArrayList<>();
        try (var markers = seen.prefixScan(CLEANUP, new org.apache.kafka.common.serialization.StringSerializer())) {
            markers.forEachRemaining(kv -> over.add(kv.key.substring(CLEANUP.length())));
        }
        int budget = CLEANUP_BUDGET;
        for (String jobId : over) {
            int removed = removePrefix(seen, jobId + " ", budget);
            budget -= removed;
            if (budget <= 0) {
                return;
            }
            removed = removePrefix(fingerprints, jobId + " ", budget);
            budget -= removed;
            if (budget <= 0) {
                return;
            }
            seen.delete(CLEANUP + jobId);
            log.info("Crawl job {} is over: its seen-set was removed", jobId);
        }
    }

    private static int removePrefix(KeyValueStore<String, String> store, String prefix, int max) {
        List<String> keys = new ArrayList<>();
        try (var iterator = store.prefixScan(prefix, new org.apache.kafka.common.serialization.StringSerializer())) {
            while (iterator.hasNext() && keys.size() < max) {
                keys.add(iterator.next().key);
            }
        }
        keys.forEach(store::delete);
        return keys.size();
    }

    /**
     * Admits a URL to the frontier once per job: in scope, not seen before, within the page
     * budget, and not one URL too many of a repeating shape (calendar-style traps).
     */
    private void admit(CrawlJobStatus job, CrawlScope scope, String raw, int depth, String kind) {
        String url = UrlNormaliser.normalise(raw).orElse(null);
        if (url == null || scope.check(url, depth) != null) {
            return;
        }
        String seenKey = job.getJobId() + " " + url;
        if (seen.get(seenKey) != null) {
            JobLedger.duplicate(job);
            return;
        }
        boolean page = JobLedger.KIND_PAGE.equals(kind);
        if (page && !JobLedger.hasBudget(job)) {
            return;
        }
        String shapeKey = job.getJobId() + " #" + CrawlScope.shape(url);
        if (page) {
            String shapeCount = seen.get(shapeKey);
            int count = shapeCount == null ? 0 : Integer.parseInt(shapeCount);
            if (count >= config.maxUrlsPerShape()) {
                return;
            }
            seen.put(shapeKey, Integer.toString(count + 1));
        }
        seen.put(seenKey, "");
        JobLedger.admitted(job, kind);
        String host = UrlNormaliser.hostKey(url);
        context.forward(new Record<>(host, CrawlUrl.newBuilder().setJobId(job.getJobId()).setUrl(url).setHost(host)
                .setDepth(depth).setKind(kind).build(), System.currentTimeMillis()));
    }

    /** Near-duplicate lookup by SimHash bands; a new fingerprint is remembered under all its bands. */
    private boolean nearDuplicate(String jobId, long hash) {
        List<String> keys = new ArrayList<>(SimHash.BANDS);
        for (int band = 0; band < SimHash.BANDS; band++) {
            String key = jobId + " " + band + " " + Integer.toHexString(SimHash.band(hash, band));
            keys.add(key);
            String candidates = fingerprints.get(key);
            if (candidates != null) {
                for (String candidate : candidates.split(",")) {
                    if (SimHash.near(hash, Long.parseUnsignedLong(candidate, 16))) {
                        return true;
                    }
                }
            }
        }
        String mine = Long.toHexString(hash);
        for (String key : keys) {
            String candidates = fingerprints.get(key);
            if (candidates == null) {
                fingerprints.put(key, mine);
            } else if (candidates.chars().filter(c -> c == ',').count() < MAX_CANDIDATES - 1) {
                fingerprints.put(key, candidates + "," + mine);
            }
        }
        return false;
    }

    private void publish(CrawlJobStatus job, CrawlResult result) {
        PageCrawled page = PageCrawled.newBuilder().setJobId(job.getJobId()).setUrl(result.getUrl())
                .setHost(result.getHost()).setTitle(result.getTitle()).setText(result.getText())
                .setFetchedAt(result.getFetchedAt()).setDepth(result.getDepth())
                .setFields(new java.util.HashMap<>(result.getFields())).build();
        JobLedger.published(job, result.getUrl(), result.getTitle());
        context.forward(new Record<>(result.getUrl(), page, System.currentTimeMillis()));
    }

    private void save(CrawlJobStatus job) {
        jobs.put(job.getJobId(), job);
        context.forward(new Record<>(job.getJobId(), CrawlJobStatus.newBuilder(job).build(), System.currentTimeMillis()));
    }
}
