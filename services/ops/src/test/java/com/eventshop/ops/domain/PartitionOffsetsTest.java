package com.eventshop.ops.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.ops.domain.PartitionOffsets.Partition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

    private final Partition a0 = new Partition("a", 0);
    private final Partition a1 = new Partition("a", 1);
    private final Partition b0 = new Partition("b", 0);

    @Test
    void lagIsEndMinusCommittedSummedPerTopic() {
        Map<String, Long> lag = PartitionOffsets.lagPerTopic(Map.of(a0, 10L, a1, 7L, b0, 50L),
                Map.of(a0, 4L, a1, 7L), Map.of());
        assertThat(lag).containsExactly(Map.entry("a", 6L)); // b is not read by the group
    }

    @Test
    void anUncommittedPartitionCountsFromItsStart() {
        Map<String, Long> lag = PartitionOffsets.lagPerTopic(Map.of(a0, 10L, a1, 30L),
                Map.of(a0, 10L), Map.of(a1, 20L));
        assertThat(lag).containsEntry("a", 10L);
    }

    @Test
    void endOffsetsSumPerTopic() {
        assertThat(PartitionOffsets.endOffsetPerTopic(Map.of(a0, 10L, a1, 5L, b0, 1L)))
                .containsEntry("a", 15L).containsEntry("b", 1L);
    }
}
