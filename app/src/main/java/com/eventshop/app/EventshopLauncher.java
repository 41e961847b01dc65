package com.eventshop.app;

import com.eventshop.devinfra.DevInfraException;

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
            run.start();
            run.awaitStop();
        } catch (LaunchException | DevInfraException e) {
            console.line("");
            console.line("\u2717 " + e.getMessage());
            System.exit(1);
        }
    }
}
