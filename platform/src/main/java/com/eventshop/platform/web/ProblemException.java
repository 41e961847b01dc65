package com.eventshop.platform.web;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * A domain failure a service reports to its HTTP client as an RFC 9457 problem, e.g.
 * {@code throw ProblemException.notFound("No order " + id)} or
 * {@code throw new ProblemException(HttpStatus.CONFLICT, "Order already confirmed", detail).type(URI.create("urn:eventshop:problem:order-state"))}.
 * The platform's exception handler turns it into an {@code application/problem+json} response.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatusCode status;
    private final String title;
    private URI type = URI.create("about:blank");
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private Duration retryAfter;

    public ProblemException(HttpStatusCode status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public ProblemException(HttpStatusCode status, String detail) {
        this(status, HttpStatus.resolve(status.value()) != null
                ? HttpStatus.resolve(status.value()).getReasonPhrase() : null, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    }

    /** The problem type URI (RFC 9457 {@code type}); {@code about:blank} unless set. */
    public ProblemException type(URI type) {
        this.type = type;
        return this;
    }

    /** An extension member of the problem, e.g. {@code orderId}. */
    public ProblemException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** Answer with {@code Retry-After} (whole seconds, at least one), e.g. on a 503 while rebalancing. */
    public ProblemException retryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
        return this;
    }

    /** The {@code Retry-After} of the answer, if any. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public HttpStatusCode getStatus() {
        return status;
    }

    public String getTitle() {
        return title;
    }

    public String getDetail() {
        return getMessage();
    }

    public URI getType() {
        return type;
    }

    public Map<String, Object> getProperties() {
        return Collections.unmodifiableMap(properties);
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getDetail());
        problem.setType(type);
        if (title != null) {
            problem.setTitle(title);
        }
        properties.forEach(problem::setProperty);
        return problem;
    }
}
