package com.eventshop.gateway.routing;

import com.eventshop.gateway.web.GatewayRequest;
import com.eventshop.gateway.web.RateLimitedException;
import com.eventshop.gateway.web.RateLimits;
import com.eventshop.platform.security.RequestUser;
import com.eventshop.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forwards {@code /api/**} and {@code /media/**} to the service that serves the path, top-down:
 * find the route, apply the rate limits, ask the service's circuit breaker, try its instances
 * (round robin, the next one when an instance refuses the connection), relay the answer as it
 * comes (long-polls and live event streams included). A failing or open service answers a 503
 * problem naming the capability that is paused.
 */
@Hidden
@RestController
public class ProxyController {

    /** Not passed on (connection-level, or set by the HTTP client itself). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
            "expect", "http2-settings");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Routes routes;
    private final RateLimits limits;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).followRedirects(HttpClient.Redirect.NEVER).build();

    public ProxyController(Routes routes, RateLimits limits) {
        this.routes = routes;
        this.limits = limits;
    }

    @RequestMapping({"/api/**", "/media/**"})
    public void proxy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        Downstream downstream = routes.route(path).filter(Downstream::configured)
                .orElseThrow(() -> ProblemException.notFound("Nothing is served at " + path));
        request.setAttribute(GatewayRequest.ROUTE, downstream.name());
        byte[] body = request.getInputStream().readAllBytes(); // bounded by the platform's body size limit
        request.setAttribute(GatewayRequest.REQUEST_BODY, new String(body, StandardCharsets.UTF_8));
        RequestUser user = RequestUser.current();
        request.setAttribute(GatewayRequest.USERNAME, user == RequestUser.ANONYMOUS ? null : user.subject());

        applyRateLimits(request, path, body, user);

        if (!downstream.breaker().tryAcquirePermission()) {
            throw paused(downstream, "open circuit");
        }
        long start = System.nanoTime();
        HttpResponse<InputStream> answer;
        try {
            answer = send(downstream, request, path, body);
        } catch (IOException e) {
            downstream.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw paused(downstream, e instanceof HttpTimeoutException ? "timeout" : "unreachable");
        }
        if (answer.statusCode() == 502 || answer.statusCode() == 503 || answer.statusCode() == 504) {
            downstream.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS,
                    new IOException(downstream.name() + " answered " + answer.statusCode()));
        } else {
            downstream.breaker().onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        relay(answer, response);
    }

    /** Login: per client address and per email. Order placement: per client address and per user. */
    private void applyRateLimits(HttpServletRequest request, String path, byte[] body, RequestUser user) {
        String client = (String) request.getAttribute(GatewayRequest.CLIENT);
        boolean post = "POST".equals(request.getMethod());
        if (post && path.equals("/api/auth/login")) {
            String email = jsonField(body, "email").map(e -> e.strip().toLowerCase(Locale.ROOT)).orElse(null);
            if (email != null) {
                request.setAttribute(GatewayRequest.USERNAME, email);
            }
            limit("login-per-address", client);
            limit("login-per-user", email);
        } else if (post && path.equals("/api/orders")) {
            limit("order-per-address", client);
            limit("order-per-user", user == RequestUser.ANONYMOUS ? null : user.subject());
        }
    }

    private void limit(String name, String key) {
        limits.acquire(name, key).ifPresent(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new RateLimitedException(seconds);
        });
    }

    private HttpResponse<InputStream> send(Downstream downstream, HttpServletRequest request, String path,
            byte[] body) throws IOException {
        boolean longRunning = request.getParameter("waitFor") != null
                || Optional.ofNullable(request.getHeader("Accept")).orElse("").contains("text/event-stream");
        IOException last = null;
        for (URI instance : downstream.candidates()) {
            String query = request.getQueryString();
            URI target = instance.resolve(path + (query == null ? "" : "?" + query));
            HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(downstream.timeout(longRunning))
                    .method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : Collections.list(request.getHeaderNames())) {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("x-forwarded-for")) {
                    for (String value : Collections.list(request.getHeaders(name))) {
                        builder.header(name, value);
                    }
                }
            }
            builder.header("X-Forwarded-For", (String) request.getAttribute(GatewayRequest.CLIENT));
            builder.header("X-Forwarded-Proto", request.getScheme());
            try {
                return client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (ConnectException e) {
                last = e; // nothing reached this instance: the next one may take the request
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted", e);
            }
        }
        throw last != null ? last : new ConnectException("no instance of " + downstream.name());
    }

    /** Status, headers and body as they come; each chunk is flushed at once (live event streams). */
    private static void relay(HttpResponse<InputStream> answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.statusCode());
        for (Map.Entry<String, java.util.List<String>> header : answer.headers().map().entrySet()) {
            String name = header.getKey();
            if (HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) || name.startsWith(":")) {
                continue;
            }
            boolean first = true;
            for (String value : header.getValue()) {
                if (first) {
                    response.setHeader(name, value);
                    first = false;
                } else {
                    response.addHeader(name, value);
                }
            }
        }
        try (InputStream in = answer.body()) {
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
    }

    private static ProblemException paused(Downstream downstream, String why) {
        String capability = downstream.capability().isBlank() ? downstream.name() : downstream.capability();
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                StatusController.pausedMessage(capability))
                .type(URI.create("urn:eventshop:problem:capability-unavailable"))
                .with("capability", capability).with("service", downstream.name()).with("reason", why);
    }

    private static Optional<String> jsonField(byte[] body, String field) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.hasNonNull(field) ? Optional.of(node.get(field).asString()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
