package com.eventshop.inventory.api;

import com.eventshop.inventory.config.InventoryProperties;
import com.eventshop.platform.web.ProblemException;
import com.eventshop.platform.security.ServiceTokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Forwards a stock query to the inventory instance that owns the product (its
 * {@code application.server}) and relays the answer as it is, 404 problems included. An owner
 * that cannot be reached within the timeout gives a 503 problem at once; forwarded requests are
 * marked so they are never forwarded again.
 */
@Component
public class StockForwarder {

    /** Marks a forwarded request; its receiver answers from its own store. */
    public static final String FORWARDED_HEADER = "X-Eventshop-Forwarded";

    private final HttpClient client;
    private final Duration timeout;

    private final ServiceTokens tokens;

    public StockForwarder(InventoryProperties properties, ServiceTokens tokens) {
        this.tokens = tokens;
        this.timeout = properties.forwardTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public ResponseEntity<String> forward(HostInfo owner, String productId) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/api/inventory/"
                + URLEncoder.encode(productId, StandardCharsets.UTF_8));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        // The caller's token (or this service's own): the owner verifies and authorises again.
        tokens.forwardingAuthorization().ifPresent(auth -> builder.header("Authorization", auth));
        HttpRequest request = builder.timeout(timeout).header(FORWARDED_HEADER, "true")
                .header("Accept", "application/json, application/problem+json").GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            MediaType type = response.headers().firstValue("Content-Type").map(MediaType::parseMediaType)
                    .orElse(MediaType.APPLICATION_JSON);
            return ResponseEntity.status(response.statusCode()).contentType(type).body(response.body());
        } catch (IOException e) {
            throw unreachable(owner, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(owner, e);
        }
    }

    private static ProblemException unreachable(HostInfo owner, Exception e) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Stock temporarily unavailable",
                "the inventory instance that owns this product (" + owner.host() + ":" + owner.port()
                        + ") cannot be reached: " + e.getClass().getSimpleName())
                .with("owner", owner.host() + ":" + owner.port());
    }
}
