package com.eventshop.app;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./eventshop crawl URL [--depth N] [--max-pages N] [-a key=value]...}: starts a crawl job
 * on a running Eventshop (through the gateway, as the admin) and shows its progress on one line
 * until it is over. Ctrl-C stops watching; the job goes on (cancel it from the admin's Crawls page).
 */
final class CrawlCommand {

    static final String USAGE = """
            Usage: ./eventshop crawl URL [URL...] [--depth N] [--max-pages N] [-a key=value]...

              --depth N       follow links at most N steps from the seeds (default 2)
              --max-pages N   fetch at most N pages (default 100)
              -a key=value    an extraction rule, field name = CSS selector (e.g. -a price=.price,
                              -a image=img.main@src), or a job setting (delay=<ms>)
              --domain D      also crawl host D and its subdomains (default: the seeds' hosts)

            Talks to the gateway at EVENTSHOP_URL (default http://localhost:8080) as the admin:
            EVENTSHOP_ADMIN_PASSWORD (the password ./eventshop up printed), or an access token in
            EVENTSHOP_TOKEN.
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TERMINAL = Set.of("DONE", "FAILED", "CANCELLED");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final PrintStream out;

    CrawlCommand(String base, PrintStream out) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.out = out;
    }

    /** The job request the arguments describe. */
    static ObjectNode request(String[] args) {
        List<String> seeds = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        int depth = 2;
        int maxPages = 100;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--depth" -> depth = number(arg, value(args, ++i, arg));
                case "--max-pages" -> maxPages = number(arg, value(args, ++i, arg));
                case "--domain" -> domains.add(value(args, ++i, arg));
                case "-a" -> {
                    String pair = value(args, ++i, arg);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new LaunchException("-a takes key=value, not '" + pair + "'.\n\n" + USAGE);
                    }
                    params.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new LaunchException("Unknown option '" + arg + "'.\n\n" + USAGE);
                    }
                    seeds.add(arg);
                }
            }
        }
        if (seeds.isEmpty()) {
            throw new LaunchException("Name the URL to crawl.\n\n" + USAGE);
        }
        ObjectNode body = JSON.createObjectNode();
        body.putPOJO("seeds", seeds);
        body.put("maxDepth", depth);
        body.put("maxPages", maxPages);
        if (!domains.isEmpty()) {
            body.putPOJO("allowedDomains", domains);
        }
        body.putPOJO("params", params);
        return body;
    }

    /** Starts the job and follows it; returns the exit status (0 when it is DONE). */
    int run(String[] args, Map<String, String> env) throws InterruptedException {
        ObjectNode request = request(args);
        String token = token(env);
        HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(base + "/api/crawler/jobs"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())), token);
        if (started.statusCode() != 202) {
            throw new LaunchException("The crawl was not started (" + started.statusCode() + "): " + problem(started));
        }
        String id = JSON.readTree(started.body()).get("id").asString();
        out.println("Crawl " + id + " started: " + request.get("seeds") + ", depth " + request.get("maxDepth")
                + ", at most " + request.get("maxPages") + " pages");
        long startedAt = System.nanoTime();
        String line = "";
        while (true) {
            HttpResponse<String> status = send(HttpRequest.newBuilder(URI.create(base + "/api/crawler/jobs/" + id)).GET(),
                    token);
            if (status.statusCode() == 200) {
                JsonNode job = JSON.readTree(status.body());
                line = progress(job, (System.nanoTime() - startedAt) / 1_000_000_000.0);
                out.print("\r" + line + "   ");
                out.flush();
                if (TERMINAL.contains(job.get("state").asString())) {
                    out.println();
                    return "DONE".equals(job.get("state").asString()) ? 0 : 1;
                }
            } else if (status.statusCode() != 404 && status.statusCode() != 503) {
                out.println();
                throw new LaunchException("Lost the crawl (" + status.statusCode() + "): " + problem(status));
            }
            Thread.sleep(500);
        }
    }

    static String progress(JsonNode job, double seconds) {
        long fetched = job.get("fetched").asLong();
        return String.format("%-9s %5.0f s  fetched %d (%.1f/s)  queued %d  robots %d  duplicates %d  near-dup %d  bad %d  errors %d",
                job.get("state").asString(), seconds, fetched, seconds > 0 ? fetched / seconds : 0.0,
                job.get("queued").asLong(), job.get("skippedByRobots").asLong(), job.get("duplicates").asLong(),
                job.path("nearDuplicates").asLong(), job.path("badPages").asLong(), job.get("errors").asLong());
    }

    private String token(Map<String, String> env) {
        String token = env.get("EVENTSHOP_TOKEN");
        if (token != null && !token.isBlank()) {
            return token;
        }
        String password = env.get("EVENTSHOP_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            throw new LaunchException("Set EVENTSHOP_ADMIN_PASSWORD to the admin password ./eventshop up printed"
                    + " (or EVENTSHOP_TOKEN to an admin access token).");
        }
        ObjectNode login = JSON.createObjectNode().put("email", env.getOrDefault("EVENTSHOP_ADMIN_EMAIL",
                "admin@eventshop.local")).put("password", password);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login.toString())), null);
        if (response.statusCode() != 200) {
            throw new LaunchException("Admin login failed (" + response.statusCode() + "): " + problem(response));
        }
        return JSON.readTree(response.body()).get("accessToken").asString();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new LaunchException("Eventshop is not reachable at " + base + " (" + e.getMessage()
                    + "). Start it with ./eventshop up, or set EVENTSHOP_URL.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted");
        }
    }

    private static String problem(HttpResponse<String> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            return node.path("detail").asString(response.body());
        } catch (RuntimeException e) {
            return response.body();
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new LaunchException(option + " needs a value.\n\n" + USAGE);
        }
        return args[i];
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new LaunchException(option + " takes a whole number, not '" + value + "'.");
        }
    }
}
