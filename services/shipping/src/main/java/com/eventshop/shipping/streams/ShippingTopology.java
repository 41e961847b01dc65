package com.eventshop.shipping.streams;

import com.eventshop.contracts.Service;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.platform.kafka.streams.DeadLetters;
import com.eventshop.shipping.domain.Carrier;
import com.eventshop.shipping.streams.internal.ShipmentRecord;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Shipping's stream processing, the single writer of shipment.events:
 *
 * <pre>
 * order.confirmed (OrderConfirmed | OrderCancelled) ─┐ decode; poison ─▶ dlt.shipping
 * shipping.carrier-reports (CarrierReported) ────────┴▶ shipments [shipments, shipment-checks]
 *     + wall-clock punctuator: due carrier checks      ──▶ ShipmentUpdated ──▶ shipment.events
 * </pre>
 *
 * Everything that moves a shipment (a confirmation, a cancellation, a webhook report, the
 * carrier's schedule) goes through the one processor, under exactly_once_v2: a store change and
 * the event it causes commit together, and the schedule lives in a store, so a restart loses
 * nothing and writes nothing twice.
 */
public final class ShippingTopology {

    /** KeyValueStore&lt;orderId, ShipmentRecord&gt;: the shipment of each order (interactive queries). */
    public static final String SHIPMENTS_STORE = "shipments";
    /** KeyValueStore&lt;"%019d(nextCheckAt)|orderId", orderId&gt;: carrier checks by due time. */
    public static final String CHECKS_STORE = "shipment-checks";

    /**
     * @param carrier          the carrier adapter
     * @param checkInterval    how often (wall clock) due carrier checks are looked for
     * @param persistentStores RocksDB stores (true) or in-memory stores (tests)
     */
    public record Config(Carrier carrier, Duration checkInterval, boolean persistentStores) {
    }

    private ShippingTopology() {
    }

    public static Topology build(Config config) {
        StreamsBuilder builder = new StreamsBuilder();
        define(builder, config);
        return builder.build();
    }

    public static void define(StreamsBuilder builder, Config config) {
        builder.addStateStore(store(config, SHIPMENTS_STORE, ContractSerde.of(ShipmentRecord.class)));
        builder.addStateStore(store(config, CHECKS_STORE, Serdes.String()));
        String deadLetters = Topics.deadLetterTopic(Service.SHIPPING).name();
        DeadLetters.source(builder, Topics.ORDER_CONFIRMED, deadLetters)
                .merge(DeadLetters.source(builder, Topics.SHIPPING_CARRIER_REPORTS, deadLetters),
                        Named.as("merge-carrier-reports"))
                .process(() -> new ShipmentProcessor(config), Named.as("shipments"), SHIPMENTS_STORE, CHECKS_STORE)
                .to(Topics.SHIPMENT_EVENTS.name(), Produced.with(Serdes.String(),
                        ContractSerde.forTopic(Topics.SHIPMENT_EVENTS)).withName("write-shipment-events"));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(Config config, String name, Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = config.persistentStores()
                ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde);
    }
}
