package com.eventshop.ops.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's circuit-breaker states, relayed for the console: the gateway holds one breaker
 * per downstream service (Resilience4j) and lists their states in its public {@code /api/status}.
 */
public class BreakerRelay {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One breaker: CLOSED, OPEN, HALF_OPEN, ...; failure rate in percent, -1 until measured. */
    public record Breaker(String name, String state, Double failureRate) {
    }

    public record Breakers(String source, List<Breaker> breakers, String note) {
    }

    private final Optional<String> gatewayUrl;
    private final String path;
    private final HttpClient http;
    private final Duration timeout;

    public BreakerRelay(Optional<String> gatewayUrl, String path, Duration timeout) {
        this.gatewayUrl = gatewayUrl;
        this.path = path;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public Breakers breakers() {
        if (gatewayUrl.isEmpty()) {
            return new Breakers(null, List.of(), "No gateway is configured (eventshop.ops.services.gateway).");
        }
        String url = gatewayUrl.get() + path;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Breakers(url, List.of(), "The gateway answered HTTP " + response.statusCode() + " on " + path + ".");
            }
            return new Breakers(url, parse(JSON.readTree(response.body())), null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Breakers(url, List.of(), "The gateway did not answer: " + e.getMessage());
        }
    }

    /**
     * The gateway's status shape {@code {"services": {"orders": {"breaker": "CLOSED", ...}}}},
     * Resilience4j's actuator shape {@code {"circuitBreakers": {"orders": {"state": "CLOSED",
     * "failureRate": "-1.0%"}}}}, or a plain list of {name, state, failureRate}.
     */
    static List<Breaker> parse(JsonNode body) {
        List<Breaker> result = new ArrayList<>();
        if (body.path("services").isObject()) {
            for (var entry : body.get("services").properties()) {
                result.add(new Breaker(entry.getKey(), entry.getValue().path("breaker").asString("UNKNOWN"), null));
            }
            return result;
        }
        JsonNode map = body.has("circuitBreakers") ? body.get("circuitBreakers") : body.path("breakers");
        if (map.isObject()) {
            for (var entry : map.properties()) {
                result.add(breaker(entry.getKey(), entry.getValue()));
            }
        } else if (map.isArray()) {
            for (JsonNode node : map) {
                result.add(breaker(node.path("name").asString("?"), node));
            }
        }
        return result;
    }

    private static Breaker breaker(String name, JsonNode node) {
        String rate = node.path("failureRate").asString("").replace("%", "").trim();
        Double failureRate = null;
        try {
            failureRate = rate.isEmpty() ? null : Double.valueOf(rate);
        } catch (NumberFormatException e) {
            // not a number: shown as unknown
        }
        return new Breaker(name, node.path("state").asString("UNKNOWN"), failureRate);
    }
}
