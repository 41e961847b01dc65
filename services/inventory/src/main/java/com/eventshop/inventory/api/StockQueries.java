package com.eventshop.inventory.api;

import com.eventshop.contracts.tables.Stock;
import com.eventshop.inventory.streams.InventoryTopology;
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
 * Interactive queries on the {@code stock} store: which instance owns a product, and the local
 * value. Answers at once (no waiting) with a 503 problem while the store is not queryable, e.g.
 * during a rebalance.
 */
@Component
public class StockQueries {

    private final StreamsBuilderFactoryBean streams;
    private final KafkaStreamsInteractiveQueryService queries;

    public StockQueries(StreamsBuilderFactoryBean streams, KafkaStreamsInteractiveQueryService queries) {
        this.streams = streams;
        this.queries = queries;
    }

    /** The instance that owns the product's stock, empty if that is this instance. */
    public Optional<HostInfo> remoteOwner(String productId) {
        KafkaStreams kafkaStreams = running();
        KeyQueryMetadata metadata = kafkaStreams.queryMetadataForKey(InventoryTopology.STOCK_STORE, productId,
                Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw unavailable("the owner of " + productId + " is not known yet");
        }
        HostInfo self = queries.getCurrentKafkaStreamsApplicationHostInfo();
        HostInfo owner = metadata.activeHost();
        return owner.equals(self) ? Optional.empty() : Optional.of(owner);
    }

    /** The product's stock in this instance's store, empty if inventory does not know it. */
    public Optional<Stock> local(String productId) {
        try {
            ReadOnlyKeyValueStore<String, Stock> store = running().store(StoreQueryParameters
                    .fromNameAndType(InventoryTopology.STOCK_STORE, QueryableStoreTypes.<String, Stock>keyValueStore()));
            return Optional.ofNullable(store.get(productId));
        } catch (InvalidStateStoreException e) {
            throw unavailable("the stock store is not queryable right now (" + e.getMessage() + ")");
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
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Stock temporarily unavailable", detail);
    }
}
