package com.eventshop.payments.api;

import com.eventshop.payments.streams.internal.PaymentRecord;
import com.eventshop.payments.streams.PaymentsTopology;
import com.eventshop.platform.web.ProblemException;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.stereotype.Component;

/**
 * Interactive queries on the {@code payments} store: which instance owns an order's payment, and the local
 * value. Answers at once (no waiting) with a 503 problem while the store is not queryable, e.g.
 * during a rebalance.
 */
@Component
public class PaymentQueries {

    private final StreamsBuilderFactoryBean streams;
    private final KafkaStreamsInteractiveQueryService queries;

    public PaymentQueries(StreamsBuilderFactoryBean streams, KafkaStreamsInteractiveQueryService queries) {
        this.streams = streams;
        this.queries = queries;
    }

    /** The instance that owns the order's payment, empty if that is this instance. */
    public Optional<HostInfo> remoteOwner(String orderId) {
        KafkaStreams kafkaStreams = running();
        KeyQueryMetadata metadata = kafkaStreams.queryMetadataForKey(PaymentsTopology.PAYMENTS_STORE, orderId,
                Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw unavailable("the owner of " + orderId + " is not known yet");
        }
        HostInfo self = queries.getCurrentKafkaStreamsApplicationHostInfo();
        HostInfo owner = metadata.activeHost();
        return owner.equals(self) ? Optional.empty() : Optional.of(owner);
    }

    /** The order's payment in this instance's store, empty if payments has not seen the order. */
    public Optional<PaymentRecord> local(String orderId) {
        try {
            ReadOnlyKeyValueStore<String, PaymentRecord> store = running().store(StoreQueryParameters
                    .fromNameAndType(PaymentsTopology.PAYMENTS_STORE, QueryableStoreTypes.<String, PaymentRecord>keyValueStore()));
            return Optional.ofNullable(store.get(orderId));
        } catch (InvalidStateStoreException e) {
            throw unavailable("the payments store is not queryable right now (" + e.getMessage() + ")");
        }
    }

    private KafkaStreams running() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || !(kafkaStreams.state() == KafkaStreams.State.RUNNING
                || kafkaStreams.state() == KafkaStreams.State.REBALANCING)) {
            throw unavailable("stream processing is not running ("
                    + (kafkaStreams == null ? "not started" : kafkaStreams.state()) + ")");
        }
        return kafkaStreams;
    }

    static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Payment temporarily unavailable", detail);
    }
}
