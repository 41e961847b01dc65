package com.eventshop.app;

import com.eventshop.contracts.Topics;
import com.eventshop.devinfra.DevInfraException;
import com.eventshop.devinfra.TopicProvisioner;
import org.slf4j.LoggerFactory;

/**
 * {@code ./eventshop up}: starts the embedded infrastructure and every service present in one
 * JVM, prints where to open everything, and stops it all cleanly on Ctrl-C or SIGTERM.
 */
public final class EventshopLauncher {

    private EventshopLauncher() {
    }

    public static void main(String[] args) {
        Console console = new Console(System.out);
        if (args.length > 0 && args[0].equals("crawl")) {
            crawl(java.util.Arrays.copyOfRange(args, 1, args.length), console);
            return;
        }
        try {
            LaunchOptions options = LaunchOptions.parse(args, System.getenv());
            if (options.command().equals("help")) {
                console.line(LaunchOptions.USAGE);
                return;
            }
            if (options.command().equals("topics")) {
                createTopics(console);
                return;
            }
            if (options.command().equals("rebuild")) {
                rebuild(options, console);
                return;
            }
            PlatformRun run = new PlatformRun(options, System.getenv(), console);
            Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "eventshop-shutdown"));
            try {
                run.start();
            } catch (LaunchException | DevInfraException e) {
                fail(console, e.getMessage());
            } catch (Throwable e) {
                // Broker and service threads would keep the JVM alive: report and leave cleanly.
                LoggerFactory.getLogger(EventshopLauncher.class).error("Start-up failed", e);
                fail(console, "Start-up failed: " + e + "\n  Details are in "
                        + options.dataDir().resolve("logs/eventshop.log"));
            }
            run.awaitStop();
        } catch (LaunchException e) {
            fail(console, e.getMessage());
        }
    }

    /**
     * Resets a stream service while the platform is down (its Kafka: KAFKA_BOOTSTRAP_SERVERS, or
     * the embedded broker of the data directory); the next ./eventshop up rebuilds its state.
     */
    private static void rebuild(LaunchOptions options, Console console) {
        com.eventshop.devinfra.DevInfraSettings settings = com.eventshop.devinfra.DevInfraSettings
                .fromEnvironment(System.getenv()).withDataDir(options.dataDir()).withDatabases(java.util.List.of());
        try (com.eventshop.devinfra.DevInfra infra = com.eventshop.devinfra.DevInfra.start(settings,
                new com.eventshop.devinfra.ProgressListener() { })) {
            StreamsRebuild.Result result = StreamsRebuild.reset(infra.kafkaBootstrapServers(), options.target(),
                    options.dataDir());
            console.line("Reset " + result.applicationId() + ": consumer group and " + result.deletedTopics().size()
                    + " internal topics deleted, local state " + (result.stateDeleted() ? "deleted" : "absent")
                    + ". The next ./eventshop up rebuilds " + options.target() + " from the topics.");
        }
    }

    /** {@code ./eventshop crawl URL ...}: a crawl job on the running platform, with a progress line. */
    private static void crawl(String[] args, Console console) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            console.line(CrawlCommand.USAGE);
            return;
        }
        String base = System.getenv().getOrDefault("EVENTSHOP_URL",
                "http://localhost:" + System.getenv().getOrDefault("GATEWAY_PORT", "8080"));
        try {
            System.exit(new CrawlCommand(base, System.out).run(args, System.getenv()));
        } catch (LaunchException e) {
            fail(console, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Creates the topic catalogue on an external cluster (idempotent; run before deploying). */
    private static void createTopics(Console console) {
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new LaunchException("Set KAFKA_BOOTSTRAP_SERVERS to the cluster that should get the topics.");
        }
        TopicProvisioner.Result result = TopicProvisioner.provision(bootstrap, Topics.ALL);
        console.line("Created " + result.created().size() + " of " + Topics.ALL.size() + " topics on " + bootstrap
                + (result.created().isEmpty() ? "" : ": " + result.created()));
        result.warnings().forEach(warning -> console.line("  ! " + warning));
    }

    private static void fail(Console console, String message) {
        console.line("");
        console.line("\u2717 " + message);
        System.exit(1); // runs the shutdown hook, which stops whatever had started
    }
}
