package com.eventshop.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole platform in this JVM, exactly as {@code ./eventshop up} runs it, for code that needs
 * it running: cross-service tests and end-to-end benchmarks.
 */
public final class Eventshop implements AutoCloseable {

    private final PlatformRun run;

    private Eventshop(PlatformRun run) {
        this.run = run;
    }

    /**
     * Starts infrastructure and every present service.
     *
     * @param dataDir data directory (wiped first when {@code fresh})
     * @param env     settings as environment variables (ports, KAFKA_BOOTSTRAP_SERVERS, ...)
     * @param out     where the progress lines and summary go
     */
    public static Eventshop start(Path dataDir, boolean fresh, Map<String, String> env, PrintStream out) {
        PlatformRun run = new PlatformRun(new LaunchOptions("up", fresh, dataDir.toAbsolutePath()), env,
                new Console(out));
        try {
            run.start();
        } catch (RuntimeException e) {
            run.stop();
            throw e;
        }
        return new Eventshop(run);
    }

    public String kafkaBootstrapServers() {
        return run.infra().kafkaBootstrapServers();
    }

    /** Base URL of a running service, e.g. {@code http://localhost:8082}. */
    public String url(String service) {
        return run.services().stream().filter(s -> s.definition().name().equals(service)).findFirst()
                .map(PlatformRun.RunningService::url)
                .orElseThrow(() -> new IllegalArgumentException(service + " is not running"));
    }

    /** The admin's password of this run (EVENTSHOP_ADMIN_PASSWORD, or generated and printed). */
    public String adminPassword() {
        return run.adminPassword();
    }

    /** The infrastructure, e.g. to read the mails the SMTP server received. */
    public com.eventshop.devinfra.DevInfra infra() {
        return run.infra();
    }

    /** The application context of a running service (tests stop and restart services). */
    public org.springframework.context.ConfigurableApplicationContext context(String service) {
        return run.services().stream().filter(s -> s.definition().name().equals(service)).findFirst()
                .map(PlatformRun.RunningService::context)
                .orElseThrow(() -> new IllegalArgumentException(service + " is not running"));
    }

    /** Stops one service, as a crash or a deploy would; the rest keeps running. */
    public void stopService(String service) {
        run.stopService(service);
    }

    /** Starts a stopped service again on the same port and data; it resumes where it stopped. */
    public void startService(String service) {
        run.startService(service);
    }

    /**
     * Rebuilds a Kafka Streams service's state from the topics: stops it, resets it
     * ({@link StreamsRebuild}: consumer group, internal topics, local state) and starts it again;
     * it then re-reads its inputs from the beginning.
     */
    public StreamsRebuild.Result rebuild(String service) {
        run.stopService(service);
        StreamsRebuild.Result result = StreamsRebuild.reset(kafkaBootstrapServers(), service, run.dataDir());
        run.startService(service);
        return result;
    }

    @Override
    public void close() {
        run.stop();
    }
}
