package com.eventshop.orders.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RecentOrderRequestsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void remembersForAWhileAndOnlyTheNewest() {
        RecentOrderRequests recent = new RecentOrderRequests(2, Duration.ofMinutes(10), clock);
        recent.remember("a", "ha");
        recent.remember("b", "hb");
        recent.remember("c", "hc");

        assertThat(recent.hashOf("a")).isEmpty();
        assertThat(recent.hashOf("b")).contains("hb");
        assertThat(recent.hashOf("c")).contains("hc");

        now.set(now.get().plus(Duration.ofMinutes(11)));
        assertThat(recent.hashOf("c")).isEmpty();
        assertThat(recent.snapshot()).doesNotContainKey("c");
    }

    @Test
    void aClaimIsHeldUntilItsWriteCompletesAndAFailedWriteFreesTheIdForARetry() {
        RecentOrderRequests recent = new RecentOrderRequests(10, Duration.ofMinutes(10), clock);
        RecentOrderRequests.Claim first = recent.claim("o-1", "h1");
        RecentOrderRequests.Claim duplicate = recent.claim("o-1", "h1");

        assertThat(first.mine()).isTrue();
        assertThat(duplicate.mine()).isFalse();
        assertThat(duplicate.written()).isNotDone();

        recent.failed("o-1", first, new IllegalStateException("broker away"));
        assertThat(duplicate.written()).isCompletedExceptionally();
        RecentOrderRequests.Claim retry = recent.claim("o-1", "h1");
        assertThat(retry.mine()).isTrue();

        recent.written("o-1", retry);
        RecentOrderRequests.Claim later = recent.claim("o-1", "h2");
        assertThat(later.mine()).isFalse();
        assertThat(later.requestHash()).isEqualTo("h1");
        assertThat(later.written()).isCompleted();
    }

    @Test
    void aClaimWhoseWriteIsStillUnderWayOutlivesItsTimeToLive() {
        RecentOrderRequests recent = new RecentOrderRequests(10, Duration.ofMinutes(10), clock);
        recent.claim("o-1", "h1");
        now.set(now.get().plus(Duration.ofMinutes(11)));
        assertThat(recent.claim("o-1", "h1").mine()).isFalse();
    }
}
