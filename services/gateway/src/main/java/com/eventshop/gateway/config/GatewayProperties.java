package com.eventshop.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code eventshop.gateway.*}: routes, breakers, limits, logging. */
@ConfigurationProperties("eventshop.gateway")
public class GatewayProperties {

    /** Downstream services by name: their instances, the paths they serve, the capability they give. */
    private Map<String, Downstream> services = new LinkedHashMap<>();

    /** Peers whose X-Forwarded-For is believed (exact addresses). Anyone else: the peer address is the client. */
    private List<String> trustedProxies = new ArrayList<>();

    /** How often each instance's readiness is probed. */
    private Duration healthInterval = Duration.ofSeconds(2);

    /** How long an API token's exchanged JWT is reused (revocation takes effect within this). */
    private Duration apiTokenCacheTtl = Duration.ofSeconds(30);

    private Breaker breaker = new Breaker();

    private RequestLog requestLog = new RequestLog();

    /** Rate limits: login and order placement, per user and per client address. */
    private Map<String, Limit> rateLimits = new LinkedHashMap<>(Map.of(
            "login-per-address", new Limit(20, Duration.ofMinutes(1)),
            "login-per-user", new Limit(5, Duration.ofMinutes(1)),
            "order-per-address", new Limit(120, Duration.ofMinutes(1)),
            "order-per-user", new Limit(30, Duration.ofMinutes(1))));

    public static class Downstream {
        /** Base URLs, e.g. http://localhost:8082; several: round robin over the ready ones. */
        private List<String> instances = new ArrayList<>();
        /** Path patterns this service answers (e.g. /api/orders/**). */
        private List<String> paths = new ArrayList<>();
        /** browse, search, order or account (what /api/status reports); empty: not reported. */
        private String capability = "";
        /** Time to the answer's headers (long-polls and live streams get longTimeout). */
        private Duration timeout = Duration.ofSeconds(5);
        private Duration longTimeout = Duration.ofSeconds(70);

        public List<String> getInstances() {
            return instances;
        }

        public void setInstances(List<String> instances) {
            this.instances = instances;
        }

        public List<String> getPaths() {
            return paths;
        }

        public void setPaths(List<String> paths) {
            this.paths = paths;
        }

        public String getCapability() {
            return capability;
        }

        public void setCapability(String capability) {
            this.capability = capability;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getLongTimeout() {
            return longTimeout;
        }

        public void setLongTimeout(Duration longTimeout) {
            this.longTimeout = longTimeout;
        }
    }

    /** Resilience4j circuit breaker settings, the same for every downstream service. */
    public static class Breaker {
        private float failureRateThreshold = 50;
        private int slidingWindowSize = 20;
        private int minimumNumberOfCalls = 5;
        private Duration waitInOpenState = Duration.ofSeconds(10);
        private int permittedCallsInHalfOpenState = 3;

        public float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        public int getSlidingWindowSize() {
            return slidingWindowSize;
        }

        public void setSlidingWindowSize(int slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
        }

        public int getMinimumNumberOfCalls() {
            return minimumNumberOfCalls;
        }

        public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
            this.minimumNumberOfCalls = minimumNumberOfCalls;
        }

        public Duration getWaitInOpenState() {
            return waitInOpenState;
        }

        public void setWaitInOpenState(Duration waitInOpenState) {
            this.waitInOpenState = waitInOpenState;
        }

        public int getPermittedCallsInHalfOpenState() {
            return permittedCallsInHalfOpenState;
        }

        public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
            this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
        }
    }

    public static class RequestLog {
        /** Request and response bodies are logged up to this many characters. */
        private int maxBodyChars = 2000;
        /** host:port of a Logstash TCP input (json_lines); empty: not shipped. */
        private String logstashDestination = "";

        public int getMaxBodyChars() {
            return maxBodyChars;
        }

        public void setMaxBodyChars(int maxBodyChars) {
            this.maxBodyChars = maxBodyChars;
        }

        public String getLogstashDestination() {
            return logstashDestination;
        }

        public void setLogstashDestination(String logstashDestination) {
            this.logstashDestination = logstashDestination;
        }
    }

    /** At most {@code requests} per {@code period}. */
    public static class Limit {
        private int requests;
        private Duration period;

        public Limit() {
        }

        public Limit(int requests, Duration period) {
            this.requests = requests;
            this.period = period;
        }

        public int getRequests() {
            return requests;
        }

        public void setRequests(int requests) {
            this.requests = requests;
        }

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration period) {
            this.period = period;
        }
    }

    public Map<String, Downstream> getServices() {
        return services;
    }

    public void setServices(Map<String, Downstream> services) {
        this.services = services;
    }

    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public Duration getHealthInterval() {
        return healthInterval;
    }

    public void setHealthInterval(Duration healthInterval) {
        this.healthInterval = healthInterval;
    }

    public Duration getApiTokenCacheTtl() {
        return apiTokenCacheTtl;
    }

    public void setApiTokenCacheTtl(Duration apiTokenCacheTtl) {
        this.apiTokenCacheTtl = apiTokenCacheTtl;
    }

    public Breaker getBreaker() {
        return breaker;
    }

    public void setBreaker(Breaker breaker) {
        this.breaker = breaker;
    }

    public RequestLog getRequestLog() {
        return requestLog;
    }

    public void setRequestLog(RequestLog requestLog) {
        this.requestLog = requestLog;
    }

    public Map<String, Limit> getRateLimits() {
        return rateLimits;
    }

    public void setRateLimits(Map<String, Limit> rateLimits) {
        this.rateLimits = rateLimits;
    }
}
