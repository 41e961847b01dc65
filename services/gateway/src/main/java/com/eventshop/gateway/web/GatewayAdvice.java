package com.eventshop.gateway.web;

import com.eventshop.platform.web.TraceIdFilter;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 429 problems with Retry-After. */
@RestControllerAdvice
public class GatewayAdvice {

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setTitle("Too many requests");
        problem.setType(URI.create("urn:eventshop:problem:rate-limited"));
        problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        if (TraceIdFilter.current() != null) {
            problem.setProperty("traceId", TraceIdFilter.current());
        }
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
