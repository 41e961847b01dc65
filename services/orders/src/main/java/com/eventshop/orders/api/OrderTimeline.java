package com.eventshop.orders.api;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The timeline of an order, read from the log itself: every event about the order on every
 * order topic. All of them are keyed by orderId and co-partitioned, so the order's events are
 * in one partition number of each topic; the read starts at the order's creation time (less a
 * margin for clock skew between services, via the broker's time index) and stops at the end
 * offsets taken when the request came in. Nothing is stored for it: the log is the audit trail,
 * and topics orders does not otherwise read (shipping's carrier reports, notifications) are on
 * it too.
 */
@Component
public class OrderTimeline {

    /** Every topic keyed by orderId, in flow order (ties of the same millisecond keep this order). */
    public static final List<TopicSpec> TOPICS = List.of(Topics.ORDER_REQUESTED, Topics.INVENTORY_CHECKS,
            Topics.FRAUD_CHECKS, Topics.ORDER_VALIDATED, Topics.PAYMENT_PROCESSED, Topics.ORDER_COMMANDS,
            Topics.ORDER_CONFIRMED, Topics.SHIPPING_CARRIER_REPORTS, Topics.SHIPMENT_EVENTS, Topics.NOTIFICATIONS_SENT);

    private static final Duration CLOCK_SKEW_MARGIN = Duration.ofMinutes(1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    /** One event of the timeline. */
    public record Entry(Instant timestamp, String type, String writer, String topic, int partition, long offset,
                        Map<String, String> summary) {
    }

    private final String bootstrapServers;
    private final Map<String, ContractSerde<SpecificRecord>> serdes = new HashMap<>();

    public OrderTimeline(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        TOPICS.forEach(t -> serdes.put(t.name(), ContractSerde.forTopic(t)));
    }

    public List<Entry> read(String orderId, Instant createdAt) {
        int partition = Utils.toPositive(Utils.murmur2(orderId.getBytes(StandardCharsets.UTF_8)))
                % Topics.ORDER_PARTITIONS;
        List<TopicPartition> partitions = TOPICS.stream().map(t -> new TopicPartition(t.name(), partition)).toList();
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.CLIENT_ID_CONFIG, "orders-timeline"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(p -> since.put(p, createdAt.minus(CLOCK_SKEW_MARGIN).toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(since);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp offset = start.get(p);
                consumer.seek(p, offset == null ? end.get(p) : offset.offset());
            }
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new OrdersUnavailableException("The timeline of " + orderId + " could not be read in time",
                            false, null);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition p = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(p) && orderId.equals(record.key()) && record.value() != null) {
                        entries.add(entry(record));
                    }
                }
            }
        }
        Map<String, Integer> flowOrder = new HashMap<>();
        for (int i = 0; i < TOPICS.size(); i++) {
            flowOrder.put(TOPICS.get(i).name(), i);
        }
        entries.sort(Comparator.comparing(Entry::timestamp).thenComparing(e -> flowOrder.get(e.topic()))
                .thenComparingLong(Entry::offset));
        return entries;
    }

    private Entry entry(ConsumerRecord<String, byte[]> record) {
        TopicSpec topic = Topics.byName(record.topic()).orElseThrow();
        String type;
        Map<String, String> summary;
        try {
            SpecificRecord value = serdes.get(record.topic()).decode(record.value());
            type = value.getSchema().getName();
            summary = summary(value);
        } catch (RuntimeException e) {
            type = "Unreadable";
            summary = Map.of("error", String.valueOf(e.getMessage()));
        }
        return new Entry(Instant.ofEpochMilli(record.timestamp()), type, topic.writer().id(), record.topic(),
                record.partition(), record.offset(), summary);
    }

    /** The record's fields as short strings: lists as their size (or their items, for strings), nested records inline. */
    static Map<String, String> summary(SpecificRecord value) {
        Map<String, String> summary = new LinkedHashMap<>();
        for (Schema.Field field : value.getSchema().getFields()) {
            Object v = value.get(field.pos());
            if (v == null || field.name().equals("orderId") || field.name().equals("requestHash")) {
                continue;
            }
            String text;
            if (v instanceof List<?> list) {
                text = !list.isEmpty() && list.get(0) instanceof CharSequence
                        ? String.join("; ", list.stream().map(String::valueOf).toList())
                        : list.size() + " item" + (list.size() == 1 ? "" : "s");
            } else {
                text = String.valueOf(v);
            }
            summary.put(field.name(), text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
        return summary;
    }
}
