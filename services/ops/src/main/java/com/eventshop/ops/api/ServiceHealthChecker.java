package com.eventshop.ops.api;

import com.eventshop.ops.domain.ServiceHealth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks every configured service for its actuator health, all at once. Monitoring is the one
 * reason ops calls services over HTTP; it never does work through them.
 */
public class ServiceHealthChecker {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> services;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock;

    public ServiceHealthChecker(Map<String, String> services, Duration timeout, Clock clock) {
        this.services = services;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public List<ServiceHealth> checkAll() {
        List<CompletableFuture<ServiceHealth>> checks = services.entrySet().stream()
                .map(e -> check(e.getKey(), stripSlash(e.getValue()))).toList();
        return checks.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<ServiceHealth> check(String name, String url) {
        long begin = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                .timeout(timeout).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    long millis = (System.nanoTime() - begin) / 1_000_000;
                    String status = "UNKNOWN";
                    String detail = null;
                    try {
                        JsonNode body = JSON.readTree(response.body());
                        status = body.path("status").asString("UNKNOWN");
                    } catch (RuntimeException e) {
                        detail = "HTTP " + response.statusCode();
                    }
                    if (!"UP".equals(status) && detail == null) {
                        detail = "HTTP " + response.statusCode();
                    }
                    return ServiceHealth.of(name, url, status, detail, millis, clock.instant());
                })
                .exceptionally(e -> ServiceHealth.of(name, url, "UNREACHABLE",
                        rootMessage(e), null, Instant.now(clock)));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }
}
