package com.eventshop.app;

import java.nio.file.Path;
import java.util.Map;

/** What `./eventshop up [--fresh] [--data-dir DIR]` asked for. */
record LaunchOptions(String command, boolean fresh, Path dataDir) {

    static final String USAGE = """
            Usage: ./eventshop up [--fresh] [--data-dir DIR]
                   ./eventshop topics

              up            start Kafka, PostgreSQL, SMTP and every service, with demo data
              topics        create the catalogue's topics on KAFKA_BOOTSTRAP_SERVERS (real clusters)
              --fresh       start from empty data (deletes the Eventshop data directory first)
              --data-dir    where data and logs live (default ./data, or EVENTSHOP_DATA_DIR)

            Ports and external infrastructure are set by environment variables; see README.md.
            """;

    static LaunchOptions parse(String[] args, Map<String, String> env) {
        String command = null;
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
            } else {
                throw new LaunchException("Unknown option '" + arg + "'.\n\n" + USAGE);
            }
        }
        if (command == null) {
            command = "up";
        }
        if (!command.equals("up") && !command.equals("help") && !command.equals("topics")) {
            throw new LaunchException("Unknown command '" + command + "'.\n\n" + USAGE);
        }
        return new LaunchOptions(command, fresh, dataDir.toAbsolutePath().normalize());
    }
}
