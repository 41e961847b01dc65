package com.eventshop.crawler.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A web site served on loopback by the test: one JDK HttpServer per virtual host (its own
 * 127.0.0.x address and port), pages written by a function of the path, and a log of every request.
 */
final class LoopbackSite implements AutoCloseable {

    /** One request as the site saw it. */
    record Hit(String host, String uri, long atNanos, String userAgent) {
    }

    /** A response: status, content type, body and extra headers. */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Reply html(String html) {
            return new Reply(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Reply text(int status, String text) {
            return new Reply(status, "text/plain", text.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Map<String, Function<String, Reply>> pages = new ConcurrentHashMap<>();

    /** Adds a virtual host on {@code address} (e.g. 127.0.0.2); returns its origin, http://address:port. */
    String host(String address, Function<String, Reply> content) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 50);
            String origin = "http://" + address + ":" + server.getAddress().getPort();
            String key = address + ":" + server.getAddress().getPort();
            pages.put(key, content);
            server.createContext("/", exchange -> serve(key, exchange));
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            servers.add(server);
            return origin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve(String host, HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().toString();
        hits.add(new Hit(host, uri, System.nanoTime(), exchange.getRequestHeaders().getFirst("User-Agent")));
        Reply reply;
        try {
            reply = pages.get(host).apply(uri);
        } catch (RuntimeException e) {
            reply = Reply.text(500, e.toString());
        }
        if (reply == null) {
            reply = Reply.text(404, "not found");
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) {
            exchange.getResponseBody().write(reply.body());
        }
        exchange.close();
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** Requests for pages (robots.txt left out). */
    List<Hit> pageHits() {
        return hits.stream().filter(h -> !h.uri().equals("/robots.txt")).toList();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
