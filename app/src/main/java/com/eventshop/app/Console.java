package com.eventshop.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * What a person sees while the platform starts: one line per part with its time, then a summary.
 * Everything else (framework and broker logs) goes to files under the data directory.
 */
final class Console {

    private static final int LABEL_WIDTH = 22;
    private final PrintStream out;

    Console(PrintStream out) {
        this.out = out;
    }

    synchronized void title(String text) {
        out.println();
        out.println(text);
    }

    synchronized void started(String part, Duration took, String detail) {
        out.printf(Locale.ROOT, "  \u2713 %-" + LABEL_WIDTH + "s %6s   %s%n", part, seconds(took), detail);
    }

    synchronized void skipped(String part, String reason) {
        out.printf(Locale.ROOT, "  - %-" + LABEL_WIDTH + "s %6s   %s%n", part, "", reason);
    }

    synchronized void failed(String part, String reason) {
        out.printf(Locale.ROOT, "  \u2717 %-" + LABEL_WIDTH + "s %6s   %s%n", part, "", reason);
    }

    synchronized void waiting(String what) {
        out.printf(Locale.ROOT, "  \u2026 %s%n", what);
    }

    synchronized void line(String text) {
        out.println(text);
    }

    synchronized void row(String label, String value) {
        out.printf(Locale.ROOT, "  %-" + LABEL_WIDTH + "s %s%n", label, value);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
