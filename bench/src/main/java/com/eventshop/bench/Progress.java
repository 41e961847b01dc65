package com.eventshop.bench;

import java.util.Locale;

/**
 * A progress line for long runs, rewritten at most twice a second. A total of 0 means the work
 * has no known end (a timed phase): the line then shows the count so far without a percentage.
 */
final class Progress {

    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long lastPrint;
    private long lastDone;

    Progress(String what, long total) {
        this.what = what;
        this.total = total;
    }

    void update(long done) {
        lastDone = done;
        long now = System.nanoTime();
        if (now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        if (total > 0) {
            System.out.printf(Locale.ROOT, "\r  %-12s %,d / %,d (%.0f%%) %.1f s   ", what, done, total,
                    100.0 * done / total, seconds);
        } else {
            System.out.printf(Locale.ROOT, "\r  %-12s %,d so far, %.1f s   ", what, done, seconds);
        }
        System.out.flush();
    }

    void done() {
        System.out.printf(Locale.ROOT, "\r  %-12s %,d done in %.1f s%s%n", what, total > 0 ? total : lastDone,
                (System.nanoTime() - start) / 1e9, " ".repeat(20));
    }
}
