package com.eventshop.gateway.web;

import com.eventshop.gateway.config.GatewayProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Resilience4j rate limiters, one per (limit, key): a login per client address and per email,
 * an order placement per client address and per user. A refused call learns how long to wait.
 * The map of limiters is cleared when it grows past a bound (a flood of distinct keys must not
 * exhaust memory; a cleared limiter starts full again, which errs on the side of letting in).
 */
@Component
public class RateLimits {

    private static final int MAX_KEYS = 50_000;

    private final Map<String, RateLimiterConfig> configs = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    public RateLimits(GatewayProperties properties) {
        properties.getRateLimits().forEach((name, limit) -> configs.put(name, RateLimiterConfig.custom()
                .limitForPeriod(limit.getRequests()).limitRefreshPeriod(limit.getPeriod())
                .timeoutDuration(Duration.ZERO).build()));
    }

    /** Empty when allowed; else how long until the next call would be. */
    public Optional<Duration> acquire(String limit, String key) {
        RateLimiterConfig config = configs.get(limit);
        if (config == null || key == null) {
            return Optional.empty();
        }
        if (limiters.size() > MAX_KEYS) {
            limiters.clear();
        }
        RateLimiter limiter = limiters.computeIfAbsent(limit + "|" + key, k -> RateLimiter.of(k, config));
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        long nanos = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait() : config.getLimitRefreshPeriod().toNanos();
        return Optional.of(Duration.ofNanos(Math.max(nanos, 1)));
    }
}
