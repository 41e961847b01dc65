package com.eventshop.ops.domain;

import java.util.Map;
import java.util.TreeMap;

/** Consumer lag: for each topic a group reads, the end offsets minus the group's committed offsets. */
public final class PartitionOffsets {

    /** One partition of a topic. */
    public record Partition(String topic, int partition) {
    }

    private PartitionOffsets() {
    }

    /**
     * Lag per topic of one consumer group. A partition the group has not committed on counts
     * from the start of the partition, which is what the group would have to read.
     *
     * @param endOffsets      end offset of every partition (at least those the group reads)
     * @param committed       the group's committed offsets
     * @param startOffsets    earliest offset of every partition (retention may have removed the head)
     */
    public static Map<String, Long> lagPerTopic(Map<Partition, Long> endOffsets, Map<Partition, Long> committed,
            Map<Partition, Long> startOffsets) {
        Map<String, Long> lag = new TreeMap<>();
        java.util.Set<String> topics = new java.util.HashSet<>();
        committed.keySet().forEach(p -> topics.add(p.topic()));
        endOffsets.forEach((partition, end) -> {
            if (!topics.contains(partition.topic())) {
                return; // the group does not read this topic
            }
            long from = committed.getOrDefault(partition, startOffsets.getOrDefault(partition, 0L));
            lag.merge(partition.topic(), Math.max(0, end - from), Long::sum);
        });
        return lag;
    }

    /** Sum of the end offsets per topic. */
    public static Map<String, Long> endOffsetPerTopic(Map<Partition, Long> endOffsets) {
        Map<String, Long> sums = new TreeMap<>();
        endOffsets.forEach((p, end) -> sums.merge(p.topic(), end, Long::sum));
        return sums;
    }
}
