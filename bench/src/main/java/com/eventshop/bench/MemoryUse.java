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

    /**
     * This process plus the PostgreSQL server and its workers: pg_ctl detaches the server, so it
     * is found by its data directory, which its command line names.
     */
    static long residentBytes(Path dataDir) {
        long total = ownResidentBytes();
        String postgresData = dataDir.resolve("postgres").toAbsolutePath().toString();
        long server = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(postgresData)).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        if (server > 0) {
            total += resident(server);
            for (ProcessHandle worker : ProcessHandle.of(server).map(p -> p.children().toList()).orElse(java.util.List.of())) {
                total += resident(worker.pid());
            }
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
