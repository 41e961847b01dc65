package com.eventshop.orders.config;

import com.eventshop.orders.domain.CheckKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code eventshop.orders.*}: how the orders service behaves. Defaults in {@code orders.properties}. */
@ConfigurationProperties("eventshop.orders")
public class OrdersProperties {

    /** Checks an order waits for before it is validated; empty validates at once. */
    private Set<CheckKind> requiredChecks = EnumSet.allOf(CheckKind.class);
    /** How long an order waits for its checks before it is rejected with CHECK_TIMEOUT. */
    private Duration validationTimeout = Duration.ofSeconds(10);
    /** How often (wall clock) overdue validations are looked for. */
    private Duration punctuateInterval = Duration.ofSeconds(1);
    /** How long after it was placed an order whose other checks are in waits for its payment. */
    private Duration paymentTimeout = Duration.ofSeconds(60);
    /** Long-poll timeout when the request names none. */
    private Duration waitDefaultTimeout = Duration.ofSeconds(10);
    /** Longest long-poll timeout a request may ask for. */
    private Duration waitMaxTimeout = Duration.ofSeconds(60);
    /** Server-Sent Events streams are closed after this long (the client reconnects). */
    private Duration sseTimeout = Duration.ofMinutes(10);
    /** A comment line is sent this often on idle SSE streams, so dead clients are noticed. */
    private Duration sseHeartbeat = Duration.ofSeconds(15);
    /** Connect timeout of a query forwarded to the owning instance. */
    private Duration forwardConnectTimeout = Duration.ofMillis(500);
    /** Whole-request timeout of a query forwarded to the owning instance. */
    private Duration forwardReadTimeout = Duration.ofSeconds(2);
    /** Retry-After of a 503 while the view is not queryable (rebalancing, restoring). */
    private Duration retryAfter = Duration.ofSeconds(1);
    /** How long a write waits for Kafka's acknowledgement. */
    private Duration sendTimeout = Duration.ofSeconds(5);

    public Set<CheckKind> getRequiredChecks() {
        return requiredChecks;
    }

    public void setRequiredChecks(Set<CheckKind> requiredChecks) {
        this.requiredChecks = requiredChecks == null || requiredChecks.isEmpty()
                ? EnumSet.noneOf(CheckKind.class) : EnumSet.copyOf(requiredChecks);
    }

    public Duration getValidationTimeout() {
        return validationTimeout;
    }

    public void setValidationTimeout(Duration validationTimeout) {
        this.validationTimeout = validationTimeout;
    }

    public Duration getPaymentTimeout() {
        return paymentTimeout;
    }

    public void setPaymentTimeout(Duration paymentTimeout) {
        this.paymentTimeout = paymentTimeout;
    }

    public Duration getPunctuateInterval() {
        return punctuateInterval;
    }

    public void setPunctuateInterval(Duration punctuateInterval) {
        this.punctuateInterval = punctuateInterval;
    }

    public Duration getWaitDefaultTimeout() {
        return waitDefaultTimeout;
    }

    public void setWaitDefaultTimeout(Duration waitDefaultTimeout) {
        this.waitDefaultTimeout = waitDefaultTimeout;
    }

    public Duration getWaitMaxTimeout() {
        return waitMaxTimeout;
    }

    public void setWaitMaxTimeout(Duration waitMaxTimeout) {
        this.waitMaxTimeout = waitMaxTimeout;
    }

    public Duration getSseTimeout() {
        return sseTimeout;
    }

    public void setSseTimeout(Duration sseTimeout) {
        this.sseTimeout = sseTimeout;
    }

    public Duration getSseHeartbeat() {
        return sseHeartbeat;
    }

    public void setSseHeartbeat(Duration sseHeartbeat) {
        this.sseHeartbeat = sseHeartbeat;
    }

    public Duration getForwardConnectTimeout() {
        return forwardConnectTimeout;
    }

    public void setForwardConnectTimeout(Duration forwardConnectTimeout) {
        this.forwardConnectTimeout = forwardConnectTimeout;
    }

    public Duration getForwardReadTimeout() {
        return forwardReadTimeout;
    }

    public void setForwardReadTimeout(Duration forwardReadTimeout) {
        this.forwardReadTimeout = forwardReadTimeout;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }
}
