package com.eventshop.app;

import java.nio.file.Path;
import java.util.Map;

/** What `./eventshop up [--fresh] [--data-dir DIR]` asked for; {@code target} is the service of `rebuild`. */
record LaunchOptions(String command, boolean fresh, Path dataDir, String target) {

    LaunchOptions(String command, boolean fresh, Path dataDir) {
        this(command, fresh, dataDir, null);
    }

    static final String USAGE = """
            Usage: ./eventshop up [--fresh] [--data-dir DIR]
                   ./eventshop topics
                   ./eventshop rebuild <service>
                   ./eventshop crawl URL [--depth N] [--max-pages N] [-a key=value]...

              up            start Kafka, PostgreSQL, SMTP and every service, with demo data
              topics        create the catalogue's topics on KAFKA_BOOTSTRAP_SERVERS (real clusters)
              rebuild       reset a stopped stream service (e.g. orders) so its next start rebuilds its
                            state from the topics: consumer group, internal topics and local state
              crawl         start a crawl job on the running platform and show its progress
                            (./eventshop crawl --help for its options)
              --fresh       start from empty data (deletes the Eventshop data directory first)
              --data-dir    where data and logs live (default ./data, or EVENTSHOP_DATA_DIR)

            Ports and external infrastructure are set by environment variables; see README.md.
            """;

    static LaunchOptions parse(String[] args, Map<String, String> env) {
        String command = null;
        String target = null;
        boolean fresh = false;
        Path dataDir = Path.of(env.getOrDefault("EVENTSHOP_DATA_DIR", "data"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]);
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else if (arg.equals("-h") || arg.equals("--help") || arg.equals("help")) {
                command = "help";
            } else if (command == null && !arg.startsWith("-")) {
                command = arg;
            } else if ("rebuild".equals(command) && target == null && !arg.startsWith("-")) {
                target = arg;
            } else {
                throw new LaunchException("Unknown option '" + arg + "'.\n\n" + USAGE);
            }
        }
        if (command == null) {
            command = "up";
        }
        if (!command.equals("up") && !command.equals("help") && !command.equals("topics")
                && !command.equals("rebuild")) {
            throw new LaunchException("Unknown command '" + command + "'.\n\n" + USAGE);
        }
        if (command.equals("rebuild") && target == null) {
            throw new LaunchException("Name the service to rebuild, e.g. ./eventshop rebuild orders.\n\n" + USAGE);
        }
        return new LaunchOptions(command, fresh, dataDir.toAbsolutePath().normalize(), target);
    }
}
