package com.eventshop.shipping.api;

import com.eventshop.platform.web.ProblemException;
import com.eventshop.shipping.domain.Shipment;
import com.eventshop.shipping.streams.ShipmentRecords;
import com.eventshop.shipping.streams.ShippingTopology;
import com.eventshop.shipping.streams.internal.ShipmentRecord;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/** Interactive queries on the shipments store; a 503 problem at once while it is not queryable. */
@Component
public class ShipmentQueries {

    private final StreamsBuilderFactoryBean streams;

    public ShipmentQueries(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    public Optional<Shipment> find(String orderId) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || !(kafkaStreams.state() == KafkaStreams.State.RUNNING
                || kafkaStreams.state() == KafkaStreams.State.REBALANCING)) {
            throw unavailable("stream processing is not running");
        }
        try {
            ReadOnlyKeyValueStore<String, ShipmentRecord> store = kafkaStreams.store(StoreQueryParameters
                    .fromNameAndType(ShippingTopology.SHIPMENTS_STORE, QueryableStoreTypes.<String, ShipmentRecord>keyValueStore()));
            return Optional.ofNullable(ShipmentRecords.toDomain(store.get(orderId)));
        } catch (InvalidStateStoreException e) {
            throw unavailable("the shipments store is not queryable right now (" + e.getMessage() + ")");
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Shipment temporarily unavailable", detail);
    }
}
