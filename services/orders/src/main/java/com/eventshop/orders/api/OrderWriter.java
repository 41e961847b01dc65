package com.eventshop.orders.api;

import com.eventshop.contracts.TopicSpec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes the API's records (OrderRequested, OrderCancelRequested). A 202 is answered only once
 * Kafka acknowledged the record: the producer is idempotent with acks=all (platform defaults), so
 * a 202 means the record is durably in the topic. {@link #writeAsync} lets the request thread go
 * while the broker answers; {@link #write} waits for it.
 */
public class OrderWriter {

    private final KafkaTemplate<String, Object> kafka;
    private final Duration timeout;

    public OrderWriter(KafkaTemplate<String, Object> kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    /** Completes when the broker acknowledged the record, or fails with {@link OrdersUnavailableException}. */
    public CompletableFuture<Void> writeAsync(TopicSpec topic, String key, SpecificRecord record) {
        if (!topic.valueTypes().contains(record.getClass())) {
            throw new IllegalArgumentException(topic.name() + " does not carry " + record.getClass().getSimpleName());
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        kafka.send(topic.name(), key, record).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, error) -> {
                    if (error == null) {
                        written.complete(null);
                    } else {
                        written.completeExceptionally(new OrdersUnavailableException("Could not write to "
                                + topic.name() + " in time; retry with the same Idempotency-Key", true, error));
                    }
                });
        return written;
    }

    public void write(TopicSpec topic, String key, SpecificRecord record) {
        if (!topic.valueTypes().contains(record.getClass())) {
            throw new IllegalArgumentException(topic.name() + " does not carry " + record.getClass().getSimpleName());
        }
        try {
            kafka.send(topic.name(), key, record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrdersUnavailableException("Interrupted while writing to " + topic.name(), true, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new OrdersUnavailableException("Could not write to " + topic.name() + " in time; "
                    + "retry with the same Idempotency-Key", true, e);
        }
    }
}
