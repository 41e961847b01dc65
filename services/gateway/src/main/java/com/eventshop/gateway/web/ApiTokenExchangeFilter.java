package com.eventshop.gateway.web;

import com.eventshop.gateway.config.GatewayProperties;
import com.eventshop.gateway.routing.Downstream;
import com.eventshop.gateway.routing.Routes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Personal API tokens ({@code Bearer esk_...}) are traded at accounts for a short-lived access
 * JWT of their owner before the token check, and the request goes on with that JWT: services
 * only ever verify JWTs (one way to check, no service calls accounts per request). The JWT is
 * reused for {@code api-token-cache-ttl}, so a revoked API token stops working within that time.
 * An unknown or revoked token is left as it is, and the token check refuses it (401).
 */
public class ApiTokenExchangeFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer esk_";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Exchanged(String jwt, Instant until) {
    }

    private final Routes routes;
    private final Duration cacheTtl;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Exchanged> cache = new ConcurrentHashMap<>();

    public ApiTokenExchangeFilter(Routes routes, GatewayProperties properties) {
        this.routes = routes;
        this.cacheTtl = properties.getApiTokenCacheTtl();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith(PREFIX)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> jwt = exchange(authorization.substring("Bearer ".length()).strip());
        chain.doFilter(jwt.<HttpServletRequest>map(token -> new WithAuthorization(request, "Bearer " + token))
                .orElse(request), response);
    }

    private Optional<String> exchange(String apiToken) {
        String key = sha256(apiToken);
        Instant now = clock.instant();
        Exchanged cached = cache.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.jwt());
        }
        cache.remove(key);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        Optional<URI> accounts = routes.all().stream().filter(d -> d.name().equals("accounts"))
                .map(Downstream::candidates).filter(c -> !c.isEmpty()).map(c -> c.get(0)).findFirst();
        if (accounts.isEmpty()) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                            accounts.get().resolve("/api/auth/api-token-exchange"))
                    .timeout(Duration.ofSeconds(3)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("apiToken", apiToken))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode body = JSON.readTree(answer.body());
            String token = body.get("accessToken").asString();
            Duration lifetime = Duration.ofSeconds(body.get("expiresIn").asLong()).minusSeconds(10);
            Duration keep = lifetime.compareTo(cacheTtl) < 0 ? lifetime : cacheTtl;
            if (!keep.isNegative() && !keep.isZero()) {
                cache.put(key, new Exchanged(token, now.plus(keep)));
            }
            return Optional.of(token);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its Authorization header replaced. */
    private static final class WithAuthorization extends HttpServletRequestWrapper {
        private final String authorization;

        WithAuthorization(HttpServletRequest request, String authorization) {
            super(request);
            this.authorization = authorization;
        }

        @Override
        public String getHeader(String name) {
            return "Authorization".equalsIgnoreCase(name) ? authorization : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Authorization".equalsIgnoreCase(name)
                    ? Collections.enumeration(java.util.List.of(authorization)) : super.getHeaders(name);
        }
    }
}
