package com.eventshop.app;

import com.eventshop.devinfra.DevInfraException;
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
        try {
            LaunchOptions options = LaunchOptions.parse(args, System.getenv());
            if (options.command().equals("help")) {
                console.line(LaunchOptions.USAGE);
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

    private static void fail(Console console, String message) {
        console.line("");
        console.line("\u2717 " + message);
        System.exit(1); // runs the shutdown hook, which stops whatever had started
    }
}
