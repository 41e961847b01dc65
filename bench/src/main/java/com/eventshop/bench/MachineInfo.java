package com.eventshop.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Names the machine in every report: figures mean little without it. */
final class MachineInfo {

    private MachineInfo() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(cpu);
        } catch (Exception ignored) {
            // not Linux: the core count below still says something
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java "
                + Runtime.version().feature() + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB";
    }
}
