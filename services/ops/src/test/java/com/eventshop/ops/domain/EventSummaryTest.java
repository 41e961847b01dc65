package com.eventshop.ops.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.events.OrderRejected;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSummaryTest {

    @Test
    void summarisesScalarFieldsAndLeavesOutTheKey() {
        OrderRejected rejected = OrderRejected.newBuilder().setOrderId("o-1").setCustomerId("c-9")
                .setReasons(List.of("OUT_OF_STOCK")).setRejectedAt(Instant.EPOCH).build();
        EventSummary summary = EventSummary.of("order.validated", 2, 41, "o-1", rejected, Instant.EPOCH);
        assertThat(summary.type()).isEqualTo("OrderRejected");
        assertThat(summary.summary()).contains("customerId=c-9").contains("1 reasons").doesNotContain("o-1");
        assertThat(summary.partition()).isEqualTo(2);
        assertThat(summary.offset()).isEqualTo(41);
    }

    @Test
    void aTombstoneIsADeletion() {
        assertThat(EventSummary.of("catalog.products", 0, 1, "p-1", null, Instant.EPOCH).type()).isEqualTo("tombstone");
    }

    @Test
    void keepsOnlyTheNewest() {
        RecentItems<Integer> recent = new RecentItems<>(3);
        for (int i = 1; i <= 5; i++) {
            recent.add(i);
        }
        assertThat(recent.newest(10)).containsExactly(5, 4, 3);
        assertThat(recent.newest(2)).containsExactly(5, 4);
    }
}
