package com.eventshop.ops.kafka;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.ops.domain.EmailSent;
import com.eventshop.ops.domain.EventSummary;
import com.eventshop.ops.domain.RecentItems;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every catalogued topic that carries contract records, from its end onwards, decodes each
 * record with {@link ContractSerde} and passes a one-line {@link EventSummary} to the listeners
 * (the console's live feed). Emails ({@code notifications.sent}) are also read back a little
 * into the past, so the console lists the most recent ones on its first load.
 *
 * <p>It uses no consumer group: it only watches, commits nothing and never shows up as lag.
 */
public class EventFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
    /** The topic of sent emails (written by notifications). */
    public static final String EMAILS_TOPIC = "notifications.sent";

    private final Map<String, Object> consumerConfig;
    private final RecentItems<EventSummary> recent;
    private final RecentItems<EmailSent> emails;
    private final int emailHistory;
    private final Set<Consumer<EventSummary>> listeners = new CopyOnWriteArraySet<>();
    private final Map<String, ContractSerde<SpecificRecord>> serdes = new HashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean ready;
    private Thread thread;

    public EventFeed(String bootstrapServers, int feedSize, int emailsSize) {
        this.consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // see only what committed transactions wrote, as every reader of the platform does
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "eventshop-ops-feed");
        this.recent = new RecentItems<>(feedSize);
        this.emails = new RecentItems<>(emailsSize);
        this.emailHistory = emailsSize;
    }

    /** Whether the emails topic exists in this version of the contracts. */
    public static boolean emailsTopicKnown() {
        return Topics.byName(EMAILS_TOPIC).isPresent();
    }

    public void start() {
        thread = new Thread(this::run, "ops-event-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** True once the feed reads from the end of every topic (events written later will show). */
    public boolean ready() {
        return ready;
    }

    public Runnable subscribe(Consumer<EventSummary> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public List<EventSummary> recentEvents(int limit) {
        return recent.newest(limit);
    }

    public List<EmailSent> recentEmails(int limit) {
        return emails.newest(limit);
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                assignFromTheEnd(c);
                ready = true;
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                        handle(record);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("The event feed stopped reading ({}); starting it again", e.toString());
                    sleep(2000);
                }
            }
        }
    }

    private void assignFromTheEnd(KafkaConsumer<String, byte[]> c) {
        Set<String> existing = c.listTopics(Duration.ofSeconds(10)).keySet();
        List<TopicPartition> partitions = Topics.ALL.stream()
                .filter(t -> !t.valueTypes().isEmpty() && existing.contains(t.name()))
                .flatMap(t -> java.util.stream.IntStream.range(0, c.partitionsFor(t.name()).size())
                        .mapToObj(p -> new TopicPartition(t.name(), p)))
                .toList();
        c.assign(partitions);
        Map<TopicPartition, Long> ends = c.endOffsets(partitions);
        Map<TopicPartition, Long> starts = c.beginningOffsets(partitions);
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition);
            if (partition.topic().equals(EMAILS_TOPIC)) {
                // a little history, so the console lists recent emails right away
                c.seek(partition, Math.max(starts.get(partition), end - emailHistory));
            } else {
                c.seek(partition, end);
            }
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Instant at = Instant.ofEpochMilli(record.timestamp());
        EventSummary summary;
        SpecificRecord value = null;
        try {
            value = serde(record.topic()).map(s -> s.decode(record.value())).orElse(null);
            summary = EventSummary.of(record.topic(), record.partition(), record.offset(), record.key(), value, at);
        } catch (RuntimeException e) {
            summary = EventSummary.undecodable(record.topic(), record.partition(), record.offset(), record.key(),
                    e.getMessage(), at);
        }
        if (record.topic().equals(EMAILS_TOPIC) && value != null) {
            emails.add(EmailSent.of(value));
        }
        recent.add(summary);
        for (Consumer<EventSummary> listener : listeners) {
            try {
                listener.accept(summary);
            } catch (RuntimeException e) {
                listeners.remove(listener); // a console that went away
            }
        }
    }

    private Optional<ContractSerde<SpecificRecord>> serde(String topic) {
        return Optional.ofNullable(serdes.computeIfAbsent(topic, name -> Topics.byName(name)
                .filter(t -> !t.valueTypes().isEmpty()).map(ContractSerde::forTopic).orElse(null)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
