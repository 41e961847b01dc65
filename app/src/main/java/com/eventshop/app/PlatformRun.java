package com.eventshop.app;

import com.eventshop.app.ServiceCatalog.ServiceDefinition;
import com.eventshop.devinfra.DevInfra;
import com.eventshop.devinfra.DevInfraSettings;
import com.eventshop.devinfra.Ports;
import com.eventshop.devinfra.ProgressListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One run of the platform: infrastructure first, then every present service as its own Spring
 * application context (own port and settings, shared JVM), then the summary. {@link #stop()}
 * undoes it in reverse order.
 */
final class PlatformRun {

    private static final Logger log = LoggerFactory.getLogger(PlatformRun.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /**
     * The services share one class path here, where JDBC and Flyway are present for the services
     * that own a database: the others must not try to configure one.
     */
    static final String NO_DATABASE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

    private final LaunchOptions options;
    private final Map<String, String> env;
    private final Console console;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<RunningService> services = new ArrayList<>();
    private volatile DevInfra infra;
    private final Map<String, Integer> portsByService = new java.util.concurrent.ConcurrentHashMap<>();
    /** Service identities of this run: one random secret per service, known to it and to accounts. */
    private final Map<String, String> serviceSecrets = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String adminPassword;
    private volatile boolean stopping;

    record RunningService(ServiceDefinition definition, int port, ConfigurableApplicationContext context) {
        String url() {
            return "http://localhost:" + port;
        }
    }

    PlatformRun(LaunchOptions options, Map<String, String> env, Console console) {
        this.options = options;
        this.env = env;
        this.console = console;
    }

    void start() {
        Instant begin = Instant.now();
        Path dataDir = options.dataDir();
        console.title("Eventshop: starting (data in " + dataDir + ")");
        if (options.fresh()) {
            DevInfra.wipe(dataDir);
            console.started("fresh data directory", Duration.between(begin, Instant.now()), "old data removed");
        }
        Path logs = LauncherLogging.configure(dataDir);

        List<ServiceDefinition> present = ServiceCatalog.selected(env.get("EVENTSHOP_SERVICES"));
        Map<ServiceDefinition, Integer> ports = assignPorts(present);
        ports.forEach((service, port) -> Ports.requireFree(port, service.name() + " service", service.portVariable()));
        ports.forEach((service, port) -> {
            portsByService.put(service.name(), port);
            serviceSecrets.put(service.name(), randomSecret());
        });
        String configuredAdmin = env.get("EVENTSHOP_ADMIN_PASSWORD");
        adminPassword = configuredAdmin != null && !configuredAdmin.isBlank() ? configuredAdmin : randomSecret();

        DevInfraSettings settings = DevInfraSettings.fromEnvironment(env)
                .withDataDir(dataDir)
                .withDatabases(ServiceCatalog.databases(present));
        infra = DevInfra.start(settings, progress());

        if (present.isEmpty()) {
            console.skipped("services", "none built yet");
        }
        startServices(ports);
        awaitReady();
        printSummary(Duration.between(begin, Instant.now()), logs);
    }

    DevInfra infra() {
        return infra;
    }

    Path dataDir() {
        return options.dataDir();
    }

    List<RunningService> services() {
        synchronized (services) {
            return List.copyOf(services);
        }
    }

    /** Stops one service's context (as a crash or deploy would), leaving the rest running. */
    void stopService(String name) {
        RunningService service = service(name);
        service.context().close();
    }

    /** Starts a service again on its port, after {@link #stopService(String)}. */
    void startService(String name) {
        RunningService old = service(name);
        if (old.context().isActive()) {
            throw new IllegalStateException(name + " is running");
        }
        RunningService started = startService(old.definition(), old.port());
        synchronized (services) {
            services.set(services.indexOf(old), started);
        }
    }

    private RunningService service(String name) {
        return services().stream().filter(s -> s.definition().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not running"));
    }

    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops services (in parallel, they are independent), then the infrastructure. Idempotent. */
    synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        Instant begin = Instant.now();
        console.line("");
        console.line("Stopping Eventshop...");
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        // A thread per service: the common pool has one thread on a 2-core machine, which would close them in turn.
        ExecutorService closers = Executors.newCachedThreadPool(r -> new Thread(r, "eventshop-stop"));
        for (RunningService service : services()) {
            closing.add(CompletableFuture.runAsync(() -> {
                try {
                    service.context().close();
                } catch (RuntimeException e) {
                    log.warn("Closing {} failed", service.definition().name(), e);
                }
            }, closers));
        }
        closers.shutdown();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(8, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Services did not all stop within 8 s", e);
        }
        if (infra != null) {
            infra.close();
        }
        console.line("Stopped in " + Console.seconds(Duration.between(begin, Instant.now())) + ". Data kept in "
                + options.dataDir());
        stopped.countDown();
    }

    /** Fixed default ports; until the gateway exists, the first service takes the gateway's port. */
    private Map<ServiceDefinition, Integer> assignPorts(List<ServiceDefinition> present) {
        Map<ServiceDefinition, Integer> ports = new LinkedHashMap<>();
        boolean gatewayPresent = present.stream().anyMatch(s -> s.name().equals("gateway"));
        for (ServiceDefinition service : present) {
            int port = service.defaultPort();
            if (!gatewayPresent && ports.isEmpty()) {
                port = ServiceCatalog.GATEWAY_PORT;
            }
            String configured = env.get(service.portVariable());
            ports.put(service, configured != null ? Integer.parseInt(configured.strip()) : port);
        }
        return ports;
    }

    private void startServices(Map<ServiceDefinition, Integer> ports) {
        // Two at a time: contexts start faster side by side, and this machine class has 2 cores.
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "eventshop-start"));
        try {
            List<CompletableFuture<RunningService>> starting = new ArrayList<>();
            ports.forEach((service, port) -> starting.add(
                    CompletableFuture.supplyAsync(() -> startService(service, port), pool)));
            for (CompletableFuture<RunningService> future : starting) {
                try {
                    RunningService running = future.join();
                    synchronized (services) {
                        services.add(running);
                    }
                } catch (RuntimeException e) {
                    throw new LaunchException("A service failed to start: " + rootMessage(e)
                            + "\n  Details are in " + options.dataDir().resolve("logs/eventshop.log"), e);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private RunningService startService(ServiceDefinition service, int port) {
        Instant begin = Instant.now();
        try {
            Class<?> application = Class.forName(service.applicationClass());
            List<String> args = new ArrayList<>();
            args.add("--spring.application.name=" + service.name());
            args.add("--spring.config.name=" + service.name());
            args.add("--server.port=" + port);
            args.add("--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers());
            args.add("--eventshop.data-dir=" + options.dataDir());
            service.database().ifPresentOrElse(db -> {
                args.add("--spring.datasource.url=" + infra.jdbcUrl(db));
                args.add("--spring.datasource.username=" + infra.databaseUsername());
                args.add("--spring.datasource.password=" + infra.databasePassword());
            }, () -> args.add("--spring.autoconfigure.exclude=" + NO_DATABASE));
            args.add("--spring.mail.host=" + infra.smtpHost());
            args.add("--spring.mail.port=" + infra.smtpPort());
            // Demo settings, then settings given as property names (tests, benchmarks), which win.
            // One argument per key: Spring joins repeated command-line keys into a list.
            Map<String, String> properties = new LinkedHashMap<>(service.demoProperties());
            properties.putAll(securityProperties(service));
            if (service.name().equals("ops")) {
                // ops watches the health of every service of this run
                new java.util.TreeMap<>(portsByService).forEach((name, servicePort) ->
                        properties.put("eventshop.ops.services." + name, "http://localhost:" + servicePort));
            }
            env.forEach((key, value) -> {
                if (key.startsWith("eventshop.") || key.startsWith("spring.")) {
                    properties.put(key, value);
                }
            });
            properties.forEach((key, value) -> args.add("--" + key + "=" + value));
            ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .properties(Map.of("EVENTSHOP_DATA_DIR", options.dataDir().toString()))
                    .run(args.toArray(String[]::new));
            console.started(service.name(), Duration.between(begin, Instant.now()), "http://localhost:" + port);
            return new RunningService(service, port, context);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(service.applicationClass() + " vanished from the class path", e);
        } catch (RuntimeException e) {
            console.failed(service.name(), rootMessage(e));
            throw e;
        }
    }

    /**
     * Who verifies and who is who: every service reads the JWKS of accounts and has a service
     * identity of its own; accounts knows every identity and seeds the admin; the gateway routes
     * to the services that run (and to nothing for those that don't).
     */
    private Map<String, String> securityProperties(ServiceDefinition service) {
        Map<String, String> properties = new LinkedHashMap<>();
        Integer accountsPort = portsByService.get("accounts");
        if (accountsPort != null) {
            String accounts = "http://localhost:" + accountsPort;
            properties.put("eventshop.security.jwks-uri", accounts + "/.well-known/jwks.json");
            properties.put("eventshop.security.token-uri", accounts + "/api/auth/service-token");
            properties.put("eventshop.security.client-id", service.name());
            properties.put("eventshop.security.client-secret", serviceSecrets.get(service.name()));
        }
        if (service.name().equals("accounts")) {
            properties.put("eventshop.accounts.admin-password", adminPassword);
            serviceSecrets.forEach((name, secret) -> properties.put("eventshop.accounts.service-clients." + name, secret));
        }
        if (service.name().equals("gateway")) {
            for (ServiceDefinition other : ServiceCatalog.ALL) {
                if (!other.name().equals("gateway")) {
                    Integer port = portsByService.get(other.name());
                    properties.put("eventshop.gateway.services." + other.name() + ".instances",
                            port == null ? "" : "http://localhost:" + port);
                }
            }
        }
        return properties;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The admin password of this run (EVENTSHOP_ADMIN_PASSWORD, or generated). */
    String adminPassword() {
        return adminPassword;
    }

    /** A service is ready when its readiness probe says UP (Kafka Streams RUNNING included). */
    private void awaitReady() {
        if (services.isEmpty()) {
            return;
        }
        Instant begin = Instant.now();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // Services that own a database (catalog) first: they publish reference data that others'
        // readiness waits for (orders and inventory are ready once they have read catalog.products to its end).
        List<RunningService> byReadiness = services().stream()
                .sorted(java.util.Comparator.comparing(s -> s.definition().database().isEmpty())).toList();
        for (RunningService service : byReadiness) {
            URI probe = URI.create(service.url() + "/actuator/health/readiness");
            while (!isUp(http, probe)) {
                if (Duration.between(begin, Instant.now()).compareTo(READY_TIMEOUT) > 0) {
                    throw new LaunchException(service.definition().name() + " is not ready after "
                            + READY_TIMEOUT.toSeconds() + " s (" + probe + "). See "
                            + options.dataDir().resolve("logs/eventshop.log"));
                }
                sleep(200);
            }
        }
        console.started("all services ready", Duration.between(begin, Instant.now()), "");
    }

    private static boolean isUp(HttpClient http, URI probe) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(probe)
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private void printSummary(Duration took, Path logs) {
        console.title("Eventshop is up in " + Console.seconds(took) + ".");
        RunningService gateway = services.stream()
                .filter(s -> s.definition().name().equals("gateway")).findFirst().orElse(null);
        if (gateway != null) {
            console.row("Storefront", gateway.url() + "/");
            console.row("Admin", gateway.url() + "/admin");
            console.row("Ops console", gateway.url() + "/ops");
        } else if (!services.isEmpty()) {
            RunningService first = services.get(0);
            console.row("Open", first.url() + "/swagger-ui.html   (" + first.definition().name()
                    + " API; the storefront comes with the gateway)");
        }
        for (RunningService service : services) {
            console.row(service.definition().name(), service.url() + "   API docs " + service.url()
                    + "/swagger-ui.html   health " + service.url() + "/actuator/health");
        }
        if (portsByService.containsKey("accounts")) {
            console.row("Admin login", "admin@eventshop.local / " + adminPassword
                    + (env.containsKey("EVENTSHOP_ADMIN_PASSWORD") ? "   (EVENTSHOP_ADMIN_PASSWORD)" : "   (generated for this run)"));
            console.row("Demo customers", "ada@eventshop.local, grace@eventshop.local, alan@eventshop.local"
                    + " / password shop-demo-2024");
        }
        console.row("Kafka bootstrap", infra.kafkaBootstrapServers());
        console.row("PostgreSQL", infra.jdbcUrl("postgres") + "   user " + infra.databaseUsername()
                + " / password " + infra.databasePassword());
        console.row("SMTP", infra.smtpHost() + ":" + infra.smtpPort() + "   (any user, no password)");
        console.row("Data directory", options.dataDir().toString());
        console.row("Logs", logs.resolve("eventshop.log") + "   (JSON: eventshop.json)");
        console.line("");
        console.line("Press Ctrl-C to stop. Data is kept for the next ./eventshop up.");
    }

    private ProgressListener progress() {
        return new ProgressListener() {
            @Override
            public void starting(ProgressListener.Part part) {
                log.info("Starting {}", part.displayName());
            }

            @Override
            public void started(ProgressListener.Part part, Duration took, String detail) {
                console.started(part.displayName(), took, detail);
            }

            @Override
            public void skipped(ProgressListener.Part part, String reason) {
                console.skipped(part.displayName(), reason);
            }
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while waiting for the services");
        }
    }
}
