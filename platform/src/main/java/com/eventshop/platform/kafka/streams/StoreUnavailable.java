package com.eventshop.platform.kafka.streams;

import com.eventshop.platform.web.ProblemException;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * How a service answers an interactive query it cannot serve right now: a 503
 * {@code application/problem+json} with its own title and type, and {@code Retry-After}
 * (short while a rebalance or restore passes, longer when the owner cannot be reached).
 *
 * @param title      the problem title, e.g. "Stock temporarily unavailable"
 * @param type       the problem type
 * @param retryAfter Retry-After while rebalancing; an unreachable owner is answered with at
 *                   least {@link #UNREACHABLE_RETRY_AFTER}
 */
public record StoreUnavailable(String title, URI type, Duration retryAfter) {

    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    public static final Duration UNREACHABLE_RETRY_AFTER = Duration.ofSeconds(5);

    public StoreUnavailable(String title) {
        this(title, URI.create("about:blank"), DEFAULT_RETRY_AFTER);
    }

    /** The store is starting, rebalancing or restoring: worth asking again shortly. */
    public ProblemException rebalancing(String detail) {
        return problem(detail, retryAfter);
    }

    /** The owner could not be reached or did not answer in time. */
    public ProblemException unreachable(String detail) {
        return problem(detail, retryAfter.compareTo(UNREACHABLE_RETRY_AFTER) > 0 ? retryAfter
                : UNREACHABLE_RETRY_AFTER);
    }

    private ProblemException problem(String detail, Duration after) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, title, detail).type(type).retryAfter(after);
    }
}
