package com.eventshop.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory of this JVM and of the processes it started (PostgreSQL), from /proc: the proportional
 * set size, so pages PostgreSQL's processes share are counted once, not once per process.
 */
final class MemoryUse {

    private MemoryUse() {
    }

    static long ownResidentBytes() {
        return resident(ProcessHandle.current().pid());
    }

    /** This process plus every descendant (the PostgreSQL server and its workers). */
    static long residentBytes() {
        long total = ownResidentBytes();
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            total += resident(child.pid());
        }
        return total;
    }

    private static long resident(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (Exception ignored) {
            // process gone, or not Linux
        }
        return 0;
    }
}
