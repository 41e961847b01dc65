package com.eventshop.catalog.outbox;

import com.eventshop.contracts.VersionHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka, oldest row first, and deletes what Kafka acknowledged.
 *
 * <p>One batch is one database transaction: lock the oldest rows, send them (idempotent
 * producer, acks=all, so per partition they land in order), wait for every acknowledgement,
 * delete them, commit. A crash anywhere before the commit leaves the rows in place and the next
 * run sends them again: no change is lost, and a change may be published twice with the same
 * version, which readers ignore. Only one relay runs at a time across instances (a transaction
 * advisory lock), so records of a key never overtake each other.
 */
public final class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock id of the relay ("catalog outbox"). */
    static final long RELAY_LOCK = 0x0CA7A10600B0L;

    /** Called after Kafka acknowledged a batch and before the rows are deleted (tests crash here). */
    @FunctionalInterface
    public interface AfterSend {
        AfterSend NONE = sent -> { };

        void sent(int records);
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Producer<String, byte[]> producer;
    private final int batchSize;
    private final Duration sendTimeout;
    private final AfterSend afterSend;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, Producer<String, byte[]> producer, int batchSize,
                       Duration sendTimeout, AfterSend afterSend) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.producer = producer;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        this.afterSend = afterSend;
    }

    private record Row(long id, String topic, String key, byte[] payload, long version) {
    }

    /**
     * Relays one batch.
     *
     * @return how many rows were published, or -1 when another instance holds the relay lock
     */
    public int relayBatch() {
        Integer published = tx.execute(status -> {
            Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(RELAY_LOCK)
                    .query(Boolean.class).single();
            if (!Boolean.TRUE.equals(locked)) {
                return -1;
            }
            List<Row> rows = jdbc.sql("SELECT id, topic, record_key, payload, version FROM outbox ORDER BY id LIMIT ?")
                    .param(batchSize)
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getLong(5)))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            send(rows);
            afterSend.sent(rows.size());
            jdbc.sql("DELETE FROM outbox WHERE id <= ?").param(rows.get(rows.size() - 1).id()).update();
            return rows.size();
        });
        return published == null ? 0 : published;
    }

    /** Relays until the outbox is empty. */
    public int drain() {
        int total = 0;
        int n;
        while ((n = relayBatch()) > 0) {
            total += n;
        }
        return total;
    }

    public long pending() {
        return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
    }

    private void send(List<Row> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            record.headers().add(VersionHeader.NAME, VersionHeader.encode(row.version()));
            acks.add(producer.send(record));
        }
        producer.flush();
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the outbox", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch; it is sent again", e);
        }
        log.debug("Published {} catalog changes", rows.size());
    }
}
