package com.eventshop.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventshop.platform.kafka.streams.KeyOwnerForwarder;
import com.eventshop.platform.kafka.streams.StoreUnavailable;
import com.eventshop.platform.security.EventshopSecurityProperties;
import com.eventshop.platform.security.ServiceTokens;
import com.eventshop.platform.web.ProblemException;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** The forwarding half of the platform's interactive queries, against a real HTTP server. */
class KeyOwnerForwarderTest {

    record Widget(String id, int size) {
    }

    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private HttpServer owner;
    private KeyOwnerForwarder forwarder;

    @BeforeEach
    void start() throws Exception {
        owner = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        owner.createContext("/", exchange -> {
            seen.put("forwarded", String.valueOf(exchange.getRequestHeaders().getFirst(KeyOwnerForwarder.FORWARDED_HEADER)));
            seen.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String path = exchange.getRequestURI().getRawPath();
            int status = path.endsWith("/w%201") ? 200 : path.endsWith("/busy") ? 503 : 404;
            byte[] body = (status == 200 ? "{\"id\":\"w 1\",\"size\":3}" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        owner.start();
        EventshopSecurityProperties security = new EventshopSecurityProperties();
        security.setServiceToken("svc-token");
        forwarder = new KeyOwnerForwarder(Duration.ofMillis(500), Duration.ofSeconds(1),
                new ServiceTokens(security, Clock.systemUTC()), JsonMapper.builder().build(),
                new StoreUnavailable("Widgets temporarily unavailable", URI.create("urn:test:widgets"),
                        Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        owner.stop(0);
    }

    private HostInfo host() {
        return new HostInfo("127.0.0.1", owner.getAddress().getPort());
    }

    @Test
    void fetchesWhatTheOwnerHoldsWithTheServiceTokenAndTheForwardedMark() {
        Optional<Widget> widget = forwarder.fetch(host(), "/widgets/" + KeyOwnerForwarder.encode("w 1"), Widget.class);
        assertThat(widget).contains(new Widget("w 1", 3));
        assertThat(seen).containsEntry("forwarded", "true").containsEntry("authorization", "Bearer svc-token");
        assertThat(forwarder.fetch(host(), "/widgets/none", Widget.class)).isEmpty();
    }

    @Test
    void aBusyOwnerIsARetryable503AndAnUnreachableOneALongerOne() throws Exception {
        assertThatThrownBy(() -> forwarder.fetch(host(), "/widgets/busy", Widget.class))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.getType()).isEqualTo(URI.create("urn:test:widgets"));
                    assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(1));
                });
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> forwarder.fetch(new HostInfo("127.0.0.1", deadPort), "/widgets/x", Widget.class))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.getTitle()).isEqualTo("Widgets temporarily unavailable");
                    assertThat(e.getRetryAfter()).contains(StoreUnavailable.UNREACHABLE_RETRY_AFTER);
                    assertThat(e.getProperties()).containsEntry("owner", "127.0.0.1:" + deadPort);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
