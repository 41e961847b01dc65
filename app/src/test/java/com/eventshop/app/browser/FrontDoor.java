package com.eventshop.app.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * What the browser tests open while the platform has no gateway: the web UI's files from the
 * class path and a plain reverse proxy of {@code /api/...} to the running services, streamed
 * (Server-Sent Events pass through as they come). Once the gateway runs, the tests open the
 * gateway instead and this is not used.
 */
final class FrontDoor implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "expect");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "jpg", "image/jpeg", "webp", "image/webp");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Path prefix to the service that answers it, e.g. /api/orders -> orders. */
    private final Map<String, String> routes = new LinkedHashMap<>();
    private final Function<String, String> serviceUrl;

    FrontDoor(int port, Function<String, String> serviceUrl) throws IOException {
        this.serviceUrl = serviceUrl;
        routes.put("/api/orders", "orders");
        routes.put("/api/inventory", "inventory");
        routes.put("/api/payments", "payments");
        routes.put("/api/catalog", "catalog");
        routes.put("/media", "catalog");
        routes.put("/api/auth", "accounts");
        routes.put("/api/customers", "accounts");
        routes.put("/api/shipments", "shipping");
        routes.put("/api/ops", "ops");
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String service = routes.entrySet().stream().filter(r -> path.startsWith(r.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (service != null) {
                proxy(exchange, service);
            } else if (path.startsWith("/api/")) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                serveFile(exchange, path);
            }
        }
    }

    private void serveFile(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/") || path.equals("/admin") || path.equals("/ops") || path.endsWith("/")) {
            path = (path.endsWith("/") ? path : path + "/") + "index.html";
        }
        try (InputStream in = FrontDoor.class.getResourceAsStream("/eventshop-web" + path)) {
            if (in == null || path.contains("..")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = in.readAllBytes();
            String extension = path.substring(path.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void proxy(HttpExchange exchange, String service) throws IOException {
        String base;
        try {
            base = serviceUrl.apply(service);
        } catch (IllegalArgumentException e) {
            exchange.sendResponseHeaders(502, -1); // that service is not part of this build
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(),
                        HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1); // the service is stopped
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        if (response.statusCode() == 204 || response.statusCode() == 304) {
            exchange.sendResponseHeaders(response.statusCode(), -1);
            response.body().close();
            return;
        }
        exchange.sendResponseHeaders(response.statusCode(), 0);
        try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush(); // Server-Sent Events go through as they come
            }
        } catch (IOException e) {
            // the browser or the service went away
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
