package com.eventshop.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that {@code java.net.http.HttpClient} refuses to
 * send (malformed paths, raw control characters, odd methods, oversized headers): what a
 * careless or hostile client can put on the wire. A test helper, kept in the platform so that
 * every service's tests (and the gateway's) can use it.
 */
public final class RawHttp {

    /** A response as read off the wire: status, headers (names lower-cased) and body. */
    public record Response(int status, String statusLine, Map<String, String> headers, String body) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** A request a client can provoke, by name: its request line and extra header lines. */
    public record Probe(String name, String requestLine, List<String> headers) {
        @Override
        public String toString() {
            return name;
        }
    }

    private RawHttp() {
    }

    /**
     * Requests the servlet container rejects before any application code runs (or that only the
     * firewall in front of the handlers sees), against paths under {@code prefix}: each must get
     * a 4xx application/problem+json answer.
     */
    public static List<Probe> malformedRequests(String prefix) {
        return List.of(
                new Probe("lone percent", "GET " + prefix + "/% HTTP/1.1", List.of()),
                new Probe("bad percent escape", "GET " + prefix + "/%zz HTTP/1.1", List.of()),
                new Probe("encoded dot segments", "GET " + prefix + "/%2e%2e/x HTTP/1.1", List.of()),
                new Probe("encoded slash", "GET " + prefix + "/a%2fb HTTP/1.1", List.of()),
                new Probe("path parameter dot segment", "GET /api/..;/x HTTP/1.1", List.of()),
                new Probe("dot segments above the root", "GET /../../etc/passwd HTTP/1.1", List.of()),
                new Probe("encoded NUL", "GET " + prefix + "/a%00b HTTP/1.1", List.of()),
                new Probe("raw control character", "GET " + prefix + "/a\u0001b HTTP/1.1", List.of()),
                new Probe("raw non-ASCII byte", "GET " + prefix + "/caf\u00e9 HTTP/1.1", List.of()),
                new Probe("invalid UTF-8 escape", "GET " + prefix + "/%c3%28 HTTP/1.1", List.of()),
                new Probe("oversized header", "GET " + prefix + " HTTP/1.1", List.of("X-Big: " + "x".repeat(20 * 1024))),
                new Probe("header without colon", "GET " + prefix + " HTTP/1.1", List.of("Broken header line")),
                new Probe("method with invalid characters", "G(E)T " + prefix + " HTTP/1.1", List.of()),
                new Probe("unknown method", "BREW " + prefix + " HTTP/1.1", List.of()),
                new Probe("TRACE", "TRACE " + prefix + " HTTP/1.1", List.of()),
                new Probe("unsupported HTTP version", "GET " + prefix + " HTTP/9.9", List.of()),
                new Probe("absolute form with bad host", "GET http://[bad/ HTTP/1.1", List.of()));
    }

    /**
     * Sends {@code requestLine} (e.g. {@code GET /api/% HTTP/1.1}) with a Host header, the given
     * extra header lines and {@code Connection: close}, and reads the whole answer.
     */
    public static Response send(int port, Probe probe) throws IOException {
        return send(port, probe.requestLine(), probe.headers().toArray(String[]::new));
    }

    public static Response send(int port, String requestLine, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder(requestLine).append("\r\n")
                .append("Host: localhost:").append(port).append("\r\n");
        for (String header : headerLines) {
            request.append(header).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return exchange(port, request.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends the bytes as they are and reads the answer until the server closes the connection. */
    public static Response exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // a server that keeps the connection open (or resets it after answering): what came is the answer
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toByteArray();
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("No complete HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        String body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = new String(dechunk(rest), StandardCharsets.UTF_8);
        } else if (headers.containsKey("content-length")) {
            int length = Math.min(rest.length, Integer.parseInt(headers.get("content-length")));
            body = new String(rest, 0, length, StandardCharsets.UTF_8);
        } else {
            body = new String(rest, StandardCharsets.UTF_8);
        }
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        return new Response(status, lines[0], headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = indexOf(chunked, i);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(n, chunked.length - lineEnd - 2));
            i = lineEnd + 2 + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
