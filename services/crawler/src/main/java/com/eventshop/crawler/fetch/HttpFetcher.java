package com.eventshop.crawler.fetch;

import com.eventshop.crawler.domain.Robots;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches URLs with the JDK HttpClient: the Eventshop User-Agent, no automatic redirects (a
 * redirect is a link the job admits like any other), a time limit, and at most {@code maxBytes + 1}
 * bytes of body read, so a huge page is recognised without being held in memory.
 */
public final class HttpFetcher implements AutoCloseable {

    /** What a request gave; {@code status} 0 with an {@code error} when it failed. */
    public record Response(String url, int status, String contentType, String location, String retryAfter,
                           byte[] body, String error, long finishedAt) {
        public boolean failed() {
            return status == 0;
        }
    }

    private final HttpClient client;
    private final ExecutorService readers;
    private final Duration timeout;

    public HttpFetcher(Duration connectTimeout, Duration timeout) {
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "crawler-fetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .executor(readers).build();
        this.timeout = timeout;
    }

    /** Starts a GET; the future never fails (a failure is a Response with status 0). */
    public CompletableFuture<Response> get(String url, long maxBytes) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                    .header("User-Agent", Robots.USER_AGENT)
                    .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
                    .build();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(url, e));
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApplyAsync(response -> read(url, response, maxBytes), readers)
                .exceptionally(e -> failure(url, e));
    }

    /** Waits for all, each at most until the deadline; an unfinished one counts as failed. */
    public static List<Response> await(List<String> urls, List<CompletableFuture<Response>> futures, long deadlineNanos) {
        java.util.ArrayList<Response> out = new java.util.ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            long left = Math.max(1, deadlineNanos - System.nanoTime());
            try {
                out.add(futures.get(i).get(left, TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(failure(urls.get(i), e));
            } catch (Exception e) {
                futures.get(i).cancel(true);
                out.add(failure(urls.get(i), e));
            }
        }
        return out;
    }

    private static Response read(String url, HttpResponse<InputStream> response, long maxBytes) {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            return failure(url, e);
        }
        return new Response(url, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Location").orElse(null),
                response.headers().firstValue("Retry-After").orElse(null),
                body, null, System.currentTimeMillis());
    }

    private static Response failure(String url, Throwable e) {
        Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
        return new Response(url, 0, null, null, null, new byte[0],
                cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                System.currentTimeMillis());
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
