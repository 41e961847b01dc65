package com.eventshop.orders.api;

import com.eventshop.orders.config.OrdersProperties;
import com.eventshop.platform.web.TraceIdFilter;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * 503 problems with Retry-After when a write or the timeline cannot be done in time (queries
 * of the view answer theirs through the platform's StoreQueries; the platform's handler,
 * asked after this one, answers every other error).
 */
@RestControllerAdvice(basePackageClasses = OrdersApiAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OrdersApiAdvice {

    private static final Logger log = LoggerFactory.getLogger(OrdersApiAdvice.class);
    static final URI UNAVAILABLE = URI.create("urn:eventshop:problem:orders-unavailable");

    private final OrdersProperties properties;

    public OrdersApiAdvice(OrdersProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(OrdersUnavailableException.class)
    public ResponseEntity<ProblemDetail> ordersUnavailable(OrdersUnavailableException e) {
        return unavailable(e.getMessage(), e.retryable());
    }

    private ResponseEntity<ProblemDetail> unavailable(String detail, boolean retryable) {
        log.info("Answering 503: {}", detail);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setType(UNAVAILABLE);
        problem.setTitle("Orders temporarily unavailable");
        String traceId = TraceIdFilter.current();
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        long seconds = Math.max(1, (properties.getRetryAfter().toMillis() + 999) / 1000);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryable ? seconds : Math.max(seconds, 5)));
        return new ResponseEntity<>(problem, headers, HttpStatus.SERVICE_UNAVAILABLE);
    }
}
