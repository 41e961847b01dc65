package com.eventshop.bench;

import java.util.Locale;

/** A progress line for long runs, rewritten at most twice a second. */
final class Progress {

    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long lastPrint;

    Progress(String what, long total) {
        this.what = what;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        System.out.printf(Locale.ROOT, "\r  %-12s %,d / %,d (%.0f%%) %.1f s", what, done, total,
                100.0 * done / total, seconds);
        System.out.flush();
    }

    void done() {
        System.out.printf(Locale.ROOT, "\r  %-12s %,d done in %.1f s%s%n", what, total,
                (System.nanoTime() - start) / 1e9, " ".repeat(20));
    }
}
