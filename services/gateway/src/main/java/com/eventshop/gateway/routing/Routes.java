package com.eventshop.gateway.routing;

import com.eventshop.gateway.config.GatewayProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The routing table, from configuration: which downstream serves a path. Also probes every
 * instance's readiness, so that a stopped service shows as degraded within a probe interval
 * even when no request is going to it.
 */
@Component
public class Routes {

    private static final Logger log = LoggerFactory.getLogger(Routes.class);

    private final List<Downstream> downstreams = new ArrayList<>();
    private final HttpClient probeClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public Routes(GatewayProperties properties) {
        GatewayProperties.Breaker b = properties.getBreaker();
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(b.getFailureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.getSlidingWindowSize())
                .minimumNumberOfCalls(b.getMinimumNumberOfCalls())
                .waitDurationInOpenState(b.getWaitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(b.getPermittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
        properties.getServices().forEach((name, d) -> {
            CircuitBreaker breaker = CircuitBreaker.of(name, breakerConfig);
            breaker.getEventPublisher().onStateTransition(e ->
                    log.warn("Circuit breaker {}: {}", name, e.getStateTransition()));
            downstreams.add(new Downstream(name, d.getCapability(),
                    d.getInstances().stream().filter(i -> !i.isBlank()).map(i -> URI.create(i.strip())).toList(),
                    d.getPaths().stream().map(PathPatternParser.defaultInstance::parse).toList(),
                    breaker, d.getTimeout(), d.getLongTimeout()));
        });
    }

    public Optional<Downstream> route(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return downstreams.stream().filter(d -> d.paths().stream().anyMatch(p -> p.matches(container))).findFirst();
    }

    public List<Downstream> all() {
        return List.copyOf(downstreams);
    }

    @Scheduled(fixedDelayString = "${eventshop.gateway.health-interval:2s}")
    public void probe() {
        for (Downstream downstream : downstreams) {
            for (URI instance : downstream.instances()) {
                boolean wasReady = downstream.isReady(instance);
                boolean isReady = ready(instance);
                downstream.markReady(instance, isReady);
                if (wasReady != isReady) {
                    log.warn("{} instance {} is {}", downstream.name(), instance, isReady ? "ready" : "not ready");
                }
            }
        }
    }

    private boolean ready(URI instance) {
        try {
            return probeClient.send(HttpRequest.newBuilder(instance.resolve("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
