package com.eventshop.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.util.pattern.PathPattern;

/**
 * One downstream service as the gateway sees it: its instances (with the latest readiness probe
 * of each), the paths it serves, its circuit breaker and the capability it gives the shop.
 */
public final class Downstream {

    private final String name;
    private final String capability;
    private final List<URI> instances;
    private final List<PathPattern> paths;
    private final CircuitBreaker breaker;
    private final Duration timeout;
    private final Duration longTimeout;
    private final Map<URI, Boolean> ready = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    public Downstream(String name, String capability, List<URI> instances, List<PathPattern> paths,
            CircuitBreaker breaker, Duration timeout, Duration longTimeout) {
        this.name = name;
        this.capability = capability;
        this.instances = List.copyOf(instances);
        this.paths = List.copyOf(paths);
        this.breaker = breaker;
        this.timeout = timeout;
        this.longTimeout = longTimeout;
        this.instances.forEach(i -> ready.put(i, true)); // optimistic until the first probe
    }

    public String name() {
        return name;
    }

    public String capability() {
        return capability;
    }

    public List<URI> instances() {
        return instances;
    }

    public List<PathPattern> paths() {
        return paths;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public Duration timeout(boolean longRunning) {
        return longRunning ? longTimeout : timeout;
    }

    public boolean configured() {
        return !instances.isEmpty();
    }

    public boolean isReady(URI instance) {
        return ready.getOrDefault(instance, false);
    }

    void markReady(URI instance, boolean isReady) {
        ready.put(instance, isReady);
    }

    /** Up: at least one instance answers its readiness probe and the breaker lets calls through. */
    public boolean up() {
        return configured() && instances.stream().anyMatch(this::isReady)
                && breaker.getState() != CircuitBreaker.State.OPEN
                && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    /**
     * Instances in the order to try them: round robin over the ready ones first, then the rest
     * (a probe may be a moment out of date).
     */
    public List<URI> candidates() {
        int start = Math.floorMod(next.getAndIncrement(), Math.max(1, instances.size()));
        java.util.ArrayList<URI> readyFirst = new java.util.ArrayList<>();
        java.util.ArrayList<URI> others = new java.util.ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            URI instance = instances.get((start + i) % instances.size());
            (isReady(instance) ? readyFirst : others).add(instance);
        }
        readyFirst.addAll(others);
        return readyFirst;
    }
}
