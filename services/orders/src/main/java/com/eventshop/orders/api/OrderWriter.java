package com.eventshop.orders.api;

import com.eventshop.contracts.TopicSpec;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes the API's records (OrderRequested, OrderCancelRequested) and waits for Kafka's
 * acknowledgement: the producer is idempotent with acks=all (platform defaults), so a 202
 * means the record is durably in the topic.
 */
public class OrderWriter {

    private final KafkaTemplate<String, Object> kafka;
    private final Duration timeout;

    public OrderWriter(KafkaTemplate<String, Object> kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
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
