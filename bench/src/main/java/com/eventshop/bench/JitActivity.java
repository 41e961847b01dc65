package com.eventshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How much of the machine the JIT compilers took during a phase, as CPU time of this JVM's
 * compiler threads (from /proc; Linux only). Everything runs in one JVM (broker, five services,
 * their clients), so there is a lot of code to compile: a phase measured while the compilers
 * are busy is partly the JIT's figure, not the flow's.
 */
final class JitActivity {

    /** Linux reports thread CPU time in clock ticks of 1/100 s. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> startTicks = compilerTicks();
    private final long startNanos = System.nanoTime();

    static JitActivity start() {
        return new JitActivity();
    }

    /** e.g. "JIT 4.1 CPU-s in 20.0 s, 10 % of 2 cores", or "" where /proc is not there. */
    String describe() {
        Map<String, Long> ticks = compilerTicks();
        if (ticks.isEmpty()) {
            return "";
        }
        // Compiler threads come and go with the load: count what each one present now did since
        // the start (a thread that ended in between is missed, so this is a lower bound).
        long used = 0;
        for (Map.Entry<String, Long> thread : ticks.entrySet()) {
            used += thread.getValue() - startTicks.getOrDefault(thread.getKey(), 0L);
        }
        double compileSeconds = used / TICKS_PER_SECOND;
        double elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "JIT %.1f CPU-s in %.1f s, %.0f %% of %d cores",
                compileSeconds, elapsedSeconds, 100 * compileSeconds / elapsedSeconds / cores, cores);
    }

    /** User plus system ticks of each thread named "C1 CompilerThread…" or "C2 CompilerThread…", by thread id. */
    private static Map<String, Long> compilerTicks() {
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return ticks;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.matches("C\\d CompilerThre.*")) {
                        // Fields after the name: state is the 1st, utime the 12th, stime the 13th.
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.put(thread.getFileName().toString(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    }
                } catch (IOException | RuntimeException threadEnded) {
                    // a compiler thread that just ended counts no more
                }
            }
        } catch (IOException e) {
            ticks.clear();
        }
        return ticks;
    }
}
