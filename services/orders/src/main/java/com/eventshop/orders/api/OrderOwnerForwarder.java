package com.eventshop.orders.api;

import com.eventshop.orders.api.OrderRequests.OrderPage;
import com.eventshop.platform.security.ServiceTokens;
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
 * Forwards an interactive query to the orders instance that owns the key (the one kind of
 * service-to-service HTTP call Eventshop allows: the same service, a key it holds). Short
 * connect and read timeouts: an owner that cannot be reached gives a prompt 503, never a hang.
 *
 * <p>Forwarded requests carry {@value #FORWARDED_HEADER}; an instance answers them from its
 * own stores only and never forwards them again, so two instances with different ideas of
 * who owns a key during a rebalance cannot bounce a request between them.
 */
public class OrderOwnerForwarder {

    public static final String FORWARDED_HEADER = "X-Eventshop-Forwarded";

    private static final Logger log = LoggerFactory.getLogger(OrderOwnerForwarder.class);

    private final HttpClient client;
    private final Duration readTimeout;
    private final JsonMapper json;

    private final ServiceTokens tokens;

    public OrderOwnerForwarder(Duration connectTimeout, Duration readTimeout, JsonMapper json, ServiceTokens tokens) {
        this.tokens = tokens;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
        this.json = json;
    }

    /** The order as its owner holds it; empty if the owner does not have it. */
    public Optional<OrderView> fetchOrder(HostInfo owner, String orderId) {
        HttpResponse<String> response = get(owner, "/api/orders/" + encode(orderId), "order " + orderId);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(read(response, OrderView.class, owner, "order " + orderId));
    }

    /** The newest {@code limit} orders of a customer that the instance holds. */
    public OrderPage fetchCustomerOrders(HostInfo instance, String customerId, int limit) {
        String path = "/api/orders?customerId=" + encode(customerId) + "&page=0&size=" + limit;
        return read(get(instance, path, "orders of " + customerId), OrderPage.class, instance,
                "orders of " + customerId);
    }

    private HttpResponse<String> get(HostInfo host, String path, String what) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        // The caller's token (or this service's own): the owner verifies and authorises again.
        tokens.forwardingAuthorization().ifPresent(auth -> builder.header("Authorization", auth));
        HttpRequest request = builder
                .timeout(readTimeout)
                .header(FORWARDED_HEADER, "true")
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new OrdersUnavailableException("The instance holding " + what + " (" + host.host() + ":"
                    + host.port() + ") did not answer in time", false, e);
        } catch (IOException e) {
            log.info("Instance {}:{} is unreachable: {}", host.host(), host.port(), e.toString());
            throw new OrdersUnavailableException("The instance holding " + what + " (" + host.host() + ":"
                    + host.port() + ") cannot be reached", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrdersUnavailableException("Interrupted while asking " + host.host() + ":" + host.port(),
                    false, e);
        }
    }

    private <T> T read(HttpResponse<String> response, Class<T> type, HostInfo host, String what) {
        if (response.statusCode() != 200) {
            throw new OrdersUnavailableException("The instance holding " + what + " (" + host.host() + ":"
                    + host.port() + ") answered " + response.statusCode(), response.statusCode() == 503, null);
        }
        try {
            return json.readValue(response.body(), type);
        } catch (RuntimeException e) {
            throw new OrdersUnavailableException("The instance holding " + what + " answered something unreadable",
                    false, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
