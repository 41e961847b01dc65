package com.eventshop.crawler.domain;

import com.eventshop.contracts.commands.CrawlJobRequested;
import com.eventshop.contracts.tables.CrawlJobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A job's state and counters. Every admitted URL comes back as exactly one result, so a job is
 * over when nothing it admitted is outstanding: DONE, or FAILED when nothing could be fetched at
 * all. A cancelled job stays cancelled; results that arrive later change nothing.
 */
public final class JobLedger {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";
    public static final Set<String> TERMINAL = Set.of(DONE, FAILED, CANCELLED);

    /** Outcomes of a fetch (CrawlResult.outcome). */
    public static final String FETCHED = "FETCHED";
    public static final String ROBOTS = "ROBOTS";
    public static final String BAD = "BAD";
    public static final String ERROR = "ERROR";
    public static final String REDIRECT = "REDIRECT";
    public static final String SITEMAP = "SITEMAP";
    /** Not a fetch: the sitemaps robots.txt lists for a host, offered to the job once. */
    public static final String SITEMAPS = "SITEMAPS";
    /** The URL was dropped unfetched because its job is over. */
    public static final String DROPPED = "DROPPED";

    public static final String KIND_PAGE = "PAGE";
    public static final String KIND_SITEMAP = "SITEMAP";

    static final int RECENT_PAGES = 20;

    private JobLedger() {
    }

    public static boolean terminal(CrawlJobStatus job) {
        return TERMINAL.contains(job.getState());
    }

    public static CrawlJobStatus open(CrawlJobRequested request, Instant now) {
        return CrawlJobStatus.newBuilder().setJobId(request.getJobId()).setState(RUNNING)
                .setSeeds(List.copyOf(request.getSeeds())).setMaxDepth(request.getMaxDepth())
                .setMaxPages(request.getMaxPages()).setAllowedDomains(List.copyOf(request.getAllowedDomains()))
                .setInclude(List.copyOf(request.getInclude())).setExclude(List.copyOf(request.getExclude()))
                .setParams(new java.util.HashMap<>(request.getParams())).setRequestedBy(request.getRequestedBy())
                .setCreatedAt(now).setUpdatedAt(now).build();
    }

    public static CrawlScope scope(CrawlJobStatus job) {
        return new CrawlScope(job.getSeeds(), job.getAllowedDomains(), job.getInclude(), job.getExclude(),
                job.getMaxDepth());
    }

    /** Whether the page budget allows one more page URL. */
    public static boolean hasBudget(CrawlJobStatus job) {
        return job.getQueued() < job.getMaxPages();
    }

    public static void admitted(CrawlJobStatus job, String kind) {
        if (KIND_PAGE.equals(kind)) {
            job.setQueued(job.getQueued() + 1);
        }
        job.setOutstanding(job.getOutstanding() + 1);
    }

    public static void duplicate(CrawlJobStatus job) {
        job.setDuplicates(job.getDuplicates() + 1);
    }

    /** Counts one result of an admitted URL (not SITEMAPS, which is no fetch). */
    public static void result(CrawlJobStatus job, String outcome) {
        switch (outcome) {
            case FETCHED -> job.setFetched(job.getFetched() + 1);
            case ROBOTS -> job.setSkippedByRobots(job.getSkippedByRobots() + 1);
            case BAD -> job.setBadPages(job.getBadPages() + 1);
            case ERROR -> job.setErrors(job.getErrors() + 1);
            default -> {
                // REDIRECT, SITEMAP, DROPPED: their links (if any) are counted when admitted
            }
        }
        job.setOutstanding(Math.max(0, job.getOutstanding() - 1));
    }

    /** A fetched page whose content is a near-duplicate of one already published: counted, not published. */
    public static void nearDuplicate(CrawlJobStatus job) {
        job.setNearDuplicates(job.getNearDuplicates() + 1);
    }

    public static void published(CrawlJobStatus job, String url, String title) {
        List<String> recent = new ArrayList<>(RECENT_PAGES);
        recent.add(url + "\t" + title.replace('\t', ' '));
        for (String page : job.getRecentPages()) {
            if (recent.size() >= RECENT_PAGES) {
                break;
            }
            recent.add(page);
        }
        job.setRecentPages(recent);
    }

    /** Ends a running job when nothing is outstanding; returns whether it ended now. */
    public static boolean settle(CrawlJobStatus job, Instant now) {
        job.setUpdatedAt(now);
        if (!RUNNING.equals(job.getState()) || job.getOutstanding() > 0) {
            return false;
        }
        boolean nothingFetched = job.getFetched() == 0 && job.getBadPages() == 0 && job.getErrors() > 0;
        job.setState(nothingFetched ? FAILED : DONE);
        return true;
    }

    public static boolean cancel(CrawlJobStatus job, Instant now) {
        if (terminal(job)) {
            return false;
        }
        job.setState(CANCELLED);
        job.setUpdatedAt(now);
        return true;
    }
}
