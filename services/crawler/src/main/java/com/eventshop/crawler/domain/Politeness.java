package com.eventshop.crawler.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The per-host schedule: one request in flight per host, the next one no sooner than the host's
 * delay after the previous one finished. The delay is the larger of the configured minimum and
 * the robots.txt Crawl-delay (capped); a 429 or 503 pushes the next request back by its
 * Retry-After (or a growing back-off when it gives none).
 */
public final class Politeness {

    public static final int MAX_ATTEMPTS = 4;

    private final Duration minDelay;
    private final Duration maxDelay;

    /**
     * @param minDelay the shortest gap between two requests to one host
     * @param maxDelay the longest a Crawl-delay or Retry-After may make it
     */
    public Politeness(Duration minDelay, Duration maxDelay) {
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
    }

    /** A host's delay, given its robots.txt Crawl-delay in milliseconds (negative: none). */
    public long delayMillis(long crawlDelayMillis) {
        return Math.min(Math.max(minDelay.toMillis(), crawlDelayMillis), maxDelay.toMillis());
    }

    /** When the host may be asked again after a request that finished at {@code finishedAt}. */
    public long nextAt(long finishedAtMillis, long delayMillis) {
        return finishedAtMillis + delayMillis;
    }

    /**
     * When to try again after a 429/503: Retry-After (seconds or an HTTP date) when given, else
     * the delay doubled per attempt; never sooner than the host's delay, never later than the maximum.
     */
    public long retryAt(long nowMillis, String retryAfter, int attempt, long delayMillis) {
        long wait = delayMillis << Math.min(attempt + 1, 10);
        Long given = parseRetryAfter(retryAfter, nowMillis);
        if (given != null) {
            wait = given;
        }
        return nowMillis + Math.min(Math.max(wait, delayMillis), maxDelay.toMillis());
    }

    /** Milliseconds a Retry-After header asks to wait, or null when absent or unreadable. */
    public static Long parseRetryAfter(String value, long nowMillis) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return Math.max(0, Long.parseLong(v)) * 1000;
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, at.toEpochMilli() - nowMillis);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
