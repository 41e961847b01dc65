package com.eventshop.platform.kafka.streams;

import com.eventshop.platform.security.ServiceTokens;
import com.eventshop.platform.web.ProblemException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forwards an interactive query to the instance of the same service that owns the key (the
 * one kind of service-to-service HTTP call Eventshop allows). The caller's token (or the
 * service's own) goes along, so the owner verifies and authorises again. Short connect and
 * read timeouts: an owner that cannot be reached gives a prompt 503 problem, never a hang.
 *
 * <p>Forwarded requests carry {@value #FORWARDED_HEADER}; an instance answers them from its
 * own stores only and never forwards them again, so two instances with different ideas of
 * who owns a key during a rebalance cannot bounce a request between them.
 */
public class KeyOwnerForwarder {

    /** Marks a forwarded request; its receiver answers from its own stores. */
    public static final String FORWARDED_HEADER = "X-Eventshop-Forwarded";

    /** Timeouts for a service that does not configure its own. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(KeyOwnerForwarder.class);

    private final HttpClient client;
    private final Duration readTimeout;
    private final ServiceTokens tokens;
    private final JsonMapper json;
    private final StoreUnavailable unavailable;

    public KeyOwnerForwarder(Duration connectTimeout, Duration readTimeout, ServiceTokens tokens, JsonMapper json,
                             StoreUnavailable unavailable) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
        this.tokens = tokens;
        this.json = json;
        this.unavailable = unavailable;
    }

    /** How this service answers a query it cannot serve now. */
    public StoreUnavailable unavailable() {
        return unavailable;
    }

    /**
     * What the owner holds at {@code path}: empty when it answers 404; a 503 problem when it
     * cannot be reached, answers anything else or something unreadable.
     */
    public <T> Optional<T> fetch(HostInfo owner, String path, Class<T> type) {
        HttpResponse<String> response = get(owner, path);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            String detail = "The instance holding it (" + address(owner) + ") answered " + response.statusCode();
            throw response.statusCode() == 503 ? unavailable.rebalancing(detail) : unavailable.unreachable(detail);
        }
        try {
            return Optional.of(json.readValue(response.body(), type));
        } catch (RuntimeException e) {
            throw unavailable.unreachable("The instance holding it (" + address(owner)
                    + ") answered something unreadable");
        }
    }

    /** A GET of {@code path} on the owner, marked as forwarded; a 503 problem when it cannot be reached in time. */
    public HttpResponse<String> get(HostInfo owner, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + address(owner) + path));
        tokens.forwardingAuthorization().ifPresent(auth -> builder.header("Authorization", auth));
        HttpRequest request = builder
                .timeout(readTimeout)
                .header(FORWARDED_HEADER, "true")
                .header("Accept", "application/json, application/problem+json")
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw unreachable(owner, "did not answer in time");
        } catch (IOException e) {
            log.info("Instance {} is unreachable: {}", address(owner), e.toString());
            throw unreachable(owner, "cannot be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(owner, "was not asked (interrupted)");
        }
    }

    /** A path segment, percent-encoded. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ProblemException unreachable(HostInfo owner, String what) {
        return unavailable.unreachable("The instance that owns it (" + address(owner) + ") " + what)
                .with("owner", address(owner));
    }

    private static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
