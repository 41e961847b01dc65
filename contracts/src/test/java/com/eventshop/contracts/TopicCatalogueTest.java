package com.eventshop.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

    @Test
    void topicNamesAreUnique() {
        Map<String, Long> counts = Topics.ALL.stream()
                .collect(Collectors.groupingBy(TopicSpec::name, Collectors.counting()));
        assertThat(counts).allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1L));
    }

    @Test
    void everyRecordTypeHasExactlyOneWritingService() {
        // A record type may appear on one topic only, so "who writes OrderRejected" has one answer.
        Map<Class<?>, Service> writers = new HashMap<>();
        for (TopicSpec topic : Topics.ALL) {
            for (Class<?> type : topic.valueTypes()) {
                Service earlier = writers.putIfAbsent(type, topic.writer());
                assertThat(earlier).as(type.getSimpleName() + " is written on two topics").isNull();
            }
        }
        assertThat(writers).hasSize(Topics.recordTypes().size());
    }

    @Test
    void orderTopicsAreCoPartitioned() {
        assertThat(Topics.ALL.stream()
                .filter(t -> t.name().startsWith("order") || t.name().equals("inventory.checks")
                        || t.name().equals("fraud.checks") || t.name().equals("payment.processed")
                        || t.name().equals("shipment.events"))
                .map(TopicSpec::partitions).distinct())
                .containsExactly(Topics.ORDER_PARTITIONS);
    }

    @Test
    void theOrderPartitionCountIsASettingWithAClearAnswerToABadValue() {
        assertThat(Topics.orderPartitions(null)).isEqualTo(Topics.DEFAULT_ORDER_PARTITIONS);
        assertThat(Topics.orderPartitions(" 3 ")).isEqualTo(3);
        assertThat(Topics.ORDER_PARTITIONED).extracting(TopicSpec::partitions).containsOnly(Topics.ORDER_PARTITIONS);
        for (String bad : List.of("0", "-1", "six", "1001")) {
            assertThatThrownBy(() -> Topics.orderPartitions(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("EVENTSHOP_ORDER_PARTITIONS").hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void tablesAreCompactedAndEventStreamsAreNot() {
        assertThat(Topics.ORDERS_VIEW.cleanupPolicy()).isEqualTo("compact");
        assertThat(Topics.CATALOG_PRODUCTS.cleanupPolicy()).isEqualTo("compact");
        assertThat(Topics.CUSTOMERS.cleanupPolicy()).isEqualTo("compact");
        assertThat(Topics.ORDER_REQUESTED.cleanupPolicy()).isEqualTo("delete");
    }

    @Test
    void everyServiceThatReadsEventsHasItsOwnDeadLetterTopic() {
        for (TopicSpec topic : Topics.ALL) {
            for (Service reader : topic.readers()) {
                if (topic.valueTypes().isEmpty()) {
                    continue; // dead-letter topics themselves hold raw bytes
                }
                TopicSpec dlt = Topics.deadLetterTopic(reader);
                assertThat(dlt.writer()).isEqualTo(reader);
                assertThat(Topics.ALL).contains(dlt);
            }
        }
    }

    @Test
    void replicationFollowsTheClusterSize() {
        assertThat(Topics.ORDER_REQUESTED.replicationFactor(1)).isEqualTo((short) 1);
        assertThat(Topics.ORDER_REQUESTED.config(1)).containsEntry("min.insync.replicas", "1");
        assertThat(Topics.ORDER_REQUESTED.replicationFactor(5)).isEqualTo((short) 3);
        assertThat(Topics.ORDER_REQUESTED.config(3)).containsEntry("min.insync.replicas", "2");
    }
}
