package com.eventshop.ops.kafka;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.ops.domain.PartitionOffsets;
import com.eventshop.ops.domain.PartitionOffsets.Partition;
import com.eventshop.ops.domain.TopicRates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples, through the Kafka Admin API, every catalogued topic's end offsets (for events per
 * second) and every consumer group's committed offsets (for lag). The newest result is a
 * {@link Snapshot}; the console reads it, so a page load never waits for Kafka.
 */
public class TopicSampler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicSampler.class);
    private static final long TIMEOUT_SECONDS = 5;

    /** What the console shows of one topic. */
    public record TopicFigures(String topic, String writer, int partitions, long endOffset, double eventsPerSecond,
                               List<GroupLag> consumers) {
    }

    /** How far one consumer group is behind on a topic (records not yet committed). */
    public record GroupLag(String group, long lag) {
    }

    public record Snapshot(Instant sampledAt, double windowSeconds, List<TopicFigures> topics, String error) {
    }

    private final Admin admin;
    private final TopicRates rates;
    private final Clock clock;
    private final Map<TopicPartition, Long> startOffsets = new HashMap<>();
    private volatile Snapshot snapshot = new Snapshot(null, 0, List.of(), "not sampled yet");
    private List<TopicPartition> partitions = List.of();

    public TopicSampler(Admin admin, Duration rateWindow, Clock clock) {
        this.admin = admin;
        this.rates = new TopicRates(rateWindow);
        this.clock = clock;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** One sample; failures are kept in the snapshot (the console shows them) and logged. */
    public synchronized void sample() {
        try {
            if (partitions.isEmpty()) {
                partitions = describePartitions();
                startOffsets.putAll(offsets(partitions, OffsetSpec.earliest()));
            }
            Instant now = clock.instant();
            Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
            Map<Partition, Long> endOffsets = toPartitions(ends);
            Map<String, Long> endPerTopic = PartitionOffsets.endOffsetPerTopic(endOffsets);
            rates.record(now, endPerTopic);

            Map<String, List<GroupLag>> lagByTopic = new TreeMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Map<Partition, Long> committedOffsets = new HashMap<>();
                committed.forEach((tp, om) -> {
                    if (om != null) {
                        committedOffsets.put(new Partition(tp.topic(), tp.partition()), om.offset());
                    }
                });
                PartitionOffsets.lagPerTopic(endOffsets, committedOffsets, toPartitions(startOffsets))
                        .forEach((topic, lag) -> lagByTopic.computeIfAbsent(topic, t -> new ArrayList<>())
                                .add(new GroupLag(group.groupId(), lag)));
            }

            List<TopicFigures> figures = new ArrayList<>();
            for (TopicSpec spec : Topics.ALL) {
                if (!endPerTopic.containsKey(spec.name())) {
                    continue;
                }
                figures.add(new TopicFigures(spec.name(), spec.writer().id(), spec.partitions(),
                        endPerTopic.get(spec.name()), Math.round(rates.rate(spec.name()) * 10) / 10.0,
                        lagByTopic.getOrDefault(spec.name(), List.of())));
            }
            snapshot = new Snapshot(now, rates.measuredSeconds(), figures, null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Sampling topic offsets failed: {}", e.toString());
            partitions = List.of(); // topics may have changed: describe them again next time
            snapshot = new Snapshot(snapshot.sampledAt(), snapshot.windowSeconds(), snapshot.topics(),
                    "Kafka did not answer: " + e.getMessage());
        }
    }

    /** Partitions of the catalogued topics that exist on the cluster. */
    private List<TopicPartition> describePartitions() throws Exception {
        java.util.Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> names = Topics.ALL.stream().map(TopicSpec::name).filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return descriptions.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> of, OffsetSpec spec) throws Exception {
        ListOffsetsResult result = admin.listOffsets(of.stream().collect(Collectors.toMap(tp -> tp, tp -> spec)));
        return result.all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<Partition, Long> toPartitions(Map<TopicPartition, Long> offsets) {
        Map<Partition, Long> result = new HashMap<>();
        offsets.forEach((tp, offset) -> result.put(new Partition(tp.topic(), tp.partition()), offset));
        return result;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
