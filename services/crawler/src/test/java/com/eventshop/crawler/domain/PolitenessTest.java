package com.eventshop.crawler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class PolitenessTest {

    private final Politeness politeness = new Politeness(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void theDelayIsTheLargerOfTheMinimumAndCrawlDelayCapped() {
        assertThat(politeness.delayMillis(-1)).isEqualTo(500);
        assertThat(politeness.delayMillis(100)).isEqualTo(500);
        assertThat(politeness.delayMillis(2_000)).isEqualTo(2_000);
        assertThat(politeness.delayMillis(3_600_000)).isEqualTo(30_000);
        assertThat(politeness.nextAt(10_000, 2_000)).isEqualTo(12_000);
    }

    @Test
    void retryAfterInSecondsOrAsADate() {
        assertThat(politeness.retryAt(1_000, "3", 1, 500)).isEqualTo(4_000);
        long now = ZonedDateTime.of(2026, 12, 8, 0, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
        String in10s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.of(2026, 12, 8, 0, 0, 10, 0, ZoneOffset.UTC));
        assertThat(politeness.retryAt(now, in10s, 1, 500)).isEqualTo(now + 10_000);
        assertThat(politeness.retryAt(1_000, "0", 1, 500)).as("never sooner than the delay").isEqualTo(1_500);
        assertThat(politeness.retryAt(0, "86400", 1, 500)).as("capped").isEqualTo(30_000);
    }

    @Test
    void withoutRetryAfterTheWaitGrowsPerAttempt() {
        assertThat(politeness.retryAt(0, null, 1, 500)).isEqualTo(2_000);
        assertThat(politeness.retryAt(0, "soon", 2, 500)).isEqualTo(4_000);
    }
}
