package com.eventshop.platform.kafka.streams;

import com.eventshop.platform.kafka.DeadLetterPublisher;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams 4.1 has no built-in dead-letter queue (KIP-1034 arrives in 4.2), so this handler
 * forwards a record whose key or value cannot be deserialised, as its original bytes, to the
 * service's {@code dlt.<service>} topic (with original topic, partition, offset and the exception
 * in headers) and lets processing continue. If the dead letter cannot be written, processing
 * stops (FAIL) rather than lose the record: the offset is not committed and the record is read
 * again after a restart.
 *
 * <p>The platform passes its {@link DeadLetterPublisher} in the Streams configuration under
 * {@link #PUBLISHER_CONFIG} when it starts the service's KafkaStreams.
 */
public class DeadLetterDeserializationExceptionHandler implements DeserializationExceptionHandler {

    /** Config key under which the platform passes the {@link DeadLetterPublisher} instance. */
    public static final String PUBLISHER_CONFIG = "eventshop.dead-letter.publisher";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationExceptionHandler.class);

    private DeadLetterPublisher publisher;
    private String applicationId;

    @Override
    public void configure(Map<String, ?> configs) {
        Object candidate = configs.get(PUBLISHER_CONFIG);
        if (!(candidate instanceof DeadLetterPublisher deadLetters)) {
            throw new ConfigException(PUBLISHER_CONFIG, candidate,
                    "a DeadLetterPublisher is required: start Kafka Streams through @EnableEventshopStreams");
        }
        this.publisher = deadLetters;
        Object appId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        this.applicationId = appId == null ? null : appId.toString();
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        try {
            publisher.publishRaw(record, exception, applicationId);
            log.warn("Unreadable record {}-{}@{} sent to {}: {}", record.topic(), record.partition(),
                    record.offset(), publisher.topic(), exception.toString());
            return DeserializationHandlerResponse.CONTINUE;
        } catch (RuntimeException e) {
            log.error("Unreadable record {}-{}@{} could not be dead-lettered; stopping", record.topic(),
                    record.partition(), record.offset(), e);
            return DeserializationHandlerResponse.FAIL;
        }
    }
}
