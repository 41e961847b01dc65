package com.eventshop.crawler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.commands.CrawlJobRequested;
import com.eventshop.contracts.tables.CrawlJobStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobLedgerTest {

    private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");

    private static CrawlJobStatus job(int maxPages) {
        return JobLedger.open(CrawlJobRequested.newBuilder().setJobId("j1").setSeeds(List.of("http://h.test/"))
                .setMaxDepth(2).setMaxPages(maxPages).setRequestedAt(NOW).build(), NOW);
    }

    @Test
    void aJobIsDoneWhenEveryAdmittedUrlHasAResult() {
        CrawlJobStatus job = job(10);
        JobLedger.admitted(job, JobLedger.KIND_PAGE);
        JobLedger.admitted(job, JobLedger.KIND_SITEMAP);
        assertThat(job.getQueued()).isEqualTo(1);
        assertThat(job.getOutstanding()).isEqualTo(2);
        JobLedger.result(job, JobLedger.FETCHED);
        assertThat(JobLedger.settle(job, NOW)).isFalse();
        JobLedger.result(job, JobLedger.SITEMAP);
        assertThat(JobLedger.settle(job, NOW)).isTrue();
        assertThat(job.getState()).isEqualTo(JobLedger.DONE);
        assertThat(job.getFetched()).isEqualTo(1);
    }

    @Test
    void nothingFetchedButErrorsIsFailedAndCancelledStaysCancelled() {
        CrawlJobStatus failed = job(10);
        JobLedger.admitted(failed, JobLedger.KIND_PAGE);
        JobLedger.result(failed, JobLedger.ERROR);
        JobLedger.settle(failed, NOW);
        assertThat(failed.getState()).isEqualTo(JobLedger.FAILED);

        CrawlJobStatus cancelled = job(10);
        JobLedger.admitted(cancelled, JobLedger.KIND_PAGE);
        assertThat(JobLedger.cancel(cancelled, NOW)).isTrue();
        JobLedger.result(cancelled, JobLedger.FETCHED);
        JobLedger.settle(cancelled, NOW);
        assertThat(cancelled.getState()).isEqualTo(JobLedger.CANCELLED);
        assertThat(JobLedger.cancel(cancelled, NOW)).isFalse();
    }

    @Test
    void thePageBudgetCountsPagesOnly() {
        CrawlJobStatus job = job(2);
        JobLedger.admitted(job, JobLedger.KIND_PAGE);
        JobLedger.admitted(job, JobLedger.KIND_SITEMAP);
        assertThat(JobLedger.hasBudget(job)).isTrue();
        JobLedger.admitted(job, JobLedger.KIND_PAGE);
        assertThat(JobLedger.hasBudget(job)).isFalse();
    }

    @Test
    void recentPagesKeepTheNewestTwenty() {
        CrawlJobStatus job = job(100);
        for (int i = 0; i < 25; i++) {
            JobLedger.published(job, "http://h.test/" + i, "Page\t" + i);
        }
        assertThat(job.getRecentPages()).hasSize(20);
        assertThat(job.getRecentPages().get(0)).isEqualTo("http://h.test/24\tPage 24");
    }
}
