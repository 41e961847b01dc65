package com.eventshop.platform.security;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * This service's own identity for calls inside the system (client credentials exchanged at
 * accounts for a short-lived service token, renewed a minute before it expires), and the
 * {@code Authorization} a forwarded request carries: the caller's own token when there is a
 * caller, else the service token.
 */
public class ServiceTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private final EventshopSecurityProperties properties;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String token;
    private Instant expiresAt = Instant.MIN;

    public ServiceTokens(EventshopSecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** {@code Bearer ...} for a request this service sends on behalf of the current caller or itself. */
    public Optional<String> forwardingAuthorization() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return Optional.of("Bearer " + jwt.getToken().getTokenValue());
        }
        return serviceToken().map(t -> "Bearer " + t);
    }

    /** The service's own token; empty when no identity is configured or accounts cannot be reached. */
    public synchronized Optional<String> serviceToken() {
        if (properties.getServiceToken() != null && !properties.getServiceToken().isBlank()) {
            return Optional.of(properties.getServiceToken());
        }
        if (properties.getClientId() == null || properties.getClientSecret() == null) {
            return Optional.empty();
        }
        if (token != null && clock.instant().isBefore(expiresAt.minus(RENEW_BEFORE))) {
            return Optional.of(token);
        }
        try {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("clientId", properties.getClientId());
            body.put("clientSecret", properties.getClientSecret());
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(properties.getTokenUri())
                    .timeout(Duration.ofSeconds(3)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode answer = JSON.readTree(response.body());
            token = answer.get("accessToken").asString();
            expiresAt = clock.instant().plusSeconds(answer.get("expiresIn").asLong());
            return Optional.of(token);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
