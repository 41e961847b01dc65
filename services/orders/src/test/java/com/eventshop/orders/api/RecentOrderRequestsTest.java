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
}
