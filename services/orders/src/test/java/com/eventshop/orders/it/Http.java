package com.eventshop.orders.it;

import com.eventshop.devinfra.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: JSON in, JSON out. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    record Response(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90)).GET().build());
    }

    CompletableFuture<Response> getAsync(String url) {
        return client.sendAsync(withToken(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90)).GET().build()),
                HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
    }

    Response post(String url, String idempotencyKey, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(withToken(request), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Security is on: the tests call as a service identity unless a request carries its own token. */
    static HttpRequest withToken(HttpRequest request) {
        return request.headers().firstValue("Authorization").isPresent() ? request
                : HttpRequest.newBuilder(request, (name, value) -> true)
                        .header("Authorization", TestTokens.bearer(TestTokens.shared().service("tests"))).build();
    }

    HttpClient client() {
        return client;
    }

    /** An order request body. */
    static String order(String customerId, String... productAndQuantity) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < productAndQuantity.length; i += 2) {
            if (lines.length() > 0) {
                lines.append(',');
            }
            lines.append("{\"productId\":\"").append(productAndQuantity[i]).append("\",\"quantity\":")
                    .append(productAndQuantity[i + 1]).append('}');
        }
        return "{\"customerId\":\"" + customerId + "\",\"lines\":[" + lines + "],"
                + "\"shippingAddress\":{\"name\":\"Ada Lovelace\",\"street\":\"1 Analytical Way\","
                + "\"city\":\"London\",\"postalCode\":\"N1 7AA\",\"country\":\"GB\"}}";
    }
}
