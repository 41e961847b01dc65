package com.eventshop.inventory.streams;

import com.eventshop.platform.kafka.streams.DeadLetters;
import com.eventshop.contracts.Service;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.events.InventoryChecked;
import com.eventshop.contracts.tables.Stock;
import com.eventshop.inventory.streams.internal.LineOutcome;
import com.eventshop.inventory.streams.internal.OrderReservation;
import com.eventshop.inventory.streams.internal.StockCommand;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Inventory's stream processing: reservations by rekey-to-join.
 *
 * <pre>
 * order.requested, order.validated,        ┌──────────────────────────────┐  InventoryChecked
 * order.confirmed ───────────────────────▶ │ reservations (by orderId)    │ ───────────────▶ inventory.checks
 *   (decoded; poison ─▶ dlt.inventory)     │ store order-reservations     │
 *                                          └──────────────────────────────┘
 *         │ RESERVE/RELEASE/SELL/RESTOCK by productId      ▲ line outcomes by orderId
 *         ▼ (repartition stock-commands)                   │ (repartition line-outcomes)
 * inventory.adjustments ──▶ ┌──────────────────────────────┐ │
 *                           │ stock (by productId)         │─┘   Stock
 *                           │ store stock                  │ ──────────▶ inventory.stock
 *                           └──────────────────────────────┘
 *   RELEASE/SELL decided on outcomes (all-or-nothing, late closes) go back to the stock
 *   processor through the repartition topic stock-followups.
 *
 *   Fast path: an order of a single product is answered by the stock processor itself
 *   (InventoryChecked keyed by orderId ─▶ inventory.checks), two hops after order.requested
 *   instead of three; its line outcome still goes back to the orders side, off the critical
 *   path, so a later release or sale finds the line. Multi-product orders gather their outcomes.
 * </pre>
 *
 * The two sides are connected only through repartition topics with as many partitions as the
 * order topics, so every product's stock lives in exactly one task and every order's
 * reservation in the task that reads its order events. With exactly_once_v2 each command is
 * applied once.
 */
public final class InventoryTopology {

    /** KeyValueStore&lt;productId, Stock&gt;: the authority on stock. */
    public static final String STOCK_STORE = "stock";
    /** KeyValueStore&lt;productId|adjustmentId, appliedAtMillis&gt;: adjustments applied recently. */
    public static final String APPLIED_ADJUSTMENTS_STORE = "applied-adjustments";
    /** KeyValueStore&lt;orderId, OrderReservation&gt;: per-order reservation state. */
    public static final String ORDER_RESERVATIONS_STORE = "order-reservations";
    /** adjustmentId prefix of seed adjustments: applied only to products without stock. */
    public static final String SEED_PREFIX = "seed-";
    /** Repartition topics (the application id and "-repartition" are added by Kafka Streams). */
    public static final String STOCK_COMMANDS = "stock-commands";
    public static final String STOCK_FOLLOWUPS = "stock-followups";
    public static final String LINE_OUTCOMES = "line-outcomes";

    private InventoryTopology() {
    }

    /** The topology on a builder of its own (tests, or a service without other processing). */
    public static Topology build(InventoryTopologyConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        define(builder, config);
        return builder.build();
    }

    /** Adds the stores and processing to a builder (the Spring layer passes the service's builder). */
    public static void define(StreamsBuilder builder, InventoryTopologyConfig config) {
        // Not cached: a cache would log each hot product once per commit instead of once per
        // update (-2 records per order), but measured it added ~250 ms per order at 200 orders/s
        // (the changelog records then all go out at commit time, lengthening the commit).
        builder.addStateStore(store(config, STOCK_STORE, ContractSerde.of(Stock.class)));
        builder.addStateStore(store(config, ORDER_RESERVATIONS_STORE, ContractSerde.of(OrderReservation.class)));
        builder.addStateStore(store(config, APPLIED_ADJUSTMENTS_STORE, Serdes.Long()));

        String deadLetters = Topics.deadLetterTopic(Service.INVENTORY).name();
        Serde<SpecificRecord> checksSerde = ContractSerde.forTopic(Topics.INVENTORY_CHECKS);
        Serde<SpecificRecord> stockSerde = ContractSerde.forTopic(Topics.INVENTORY_STOCK);

        KStream<String, SpecificRecord> orderEvents = DeadLetters.source(builder, Topics.ORDER_REQUESTED, deadLetters)
                .merge(DeadLetters.source(builder, Topics.ORDER_VALIDATED, deadLetters), Named.as("merge-order-validated"))
                .merge(DeadLetters.source(builder, Topics.ORDER_CONFIRMED, deadLetters), Named.as("merge-order-confirmed"));
        KStream<String, SpecificRecord> adjustments =
                DeadLetters.source(builder, Topics.INVENTORY_ADJUSTMENTS, deadLetters);

        // Orders side: order events -> RESERVE/RELEASE/SELL/RESTOCK commands and verdicts.
        Map<String, KStream<String, SpecificRecord>> fromOrders = orderEvents
                .process(() -> new OrderReservationProcessor(config, true), Named.as("reservations"),
                        ORDER_RESERVATIONS_STORE)
                .split(Named.as("reservations-"))
                .branch((k, v) -> v instanceof StockCommand, Branched.as("commands"))
                .defaultBranch(Branched.as("checks"));
        fromOrders.get("reservations-checks")
                .to(Topics.INVENTORY_CHECKS.name(), Produced.with(Serdes.String(), checksSerde)
                        .withName("write-checks"));

        // Stock side: adjustments and commands -> stock changes and line outcomes.
        Map<String, KStream<String, SpecificRecord>> fromStock = repartition(
                fromOrders.get("reservations-commands"), STOCK_COMMANDS, StockCommand.class, config)
                .merge(adjustments, Named.as("merge-adjustments"))
                .process(() -> new StockProcessor(config, true), Named.as("stock-keeper"), STOCK_STORE,
                        APPLIED_ADJUSTMENTS_STORE)
                .split(Named.as("stock-keeper-"))
                .branch((k, v) -> v instanceof LineOutcome, Branched.as("outcomes"))
                .branch((k, v) -> v instanceof InventoryChecked, Branched.as("checks"))
                .defaultBranch(Branched.as("stock"));
        // Single-product orders: the verdict straight from the stock side (keyed by orderId).
        fromStock.get("stock-keeper-checks")
                .to(Topics.INVENTORY_CHECKS.name(), Produced.with(Serdes.String(), checksSerde)
                        .withName("write-checks-on-stock"));
        fromStock.get("stock-keeper-stock")
                .to(Topics.INVENTORY_STOCK.name(), Produced.with(Serdes.String(), stockSerde)
                        .withName("write-stock"));

        // Outcomes back to the orders side: verdicts, and releases/sales decided on them.
        Map<String, KStream<String, SpecificRecord>> fromOutcomes = repartition(
                fromStock.get("stock-keeper-outcomes"), LINE_OUTCOMES, LineOutcome.class, config)
                .process(() -> new OrderReservationProcessor(config, false), Named.as("outcomes"),
                        ORDER_RESERVATIONS_STORE)
                .split(Named.as("outcomes-"))
                .branch((k, v) -> v instanceof StockCommand, Branched.as("commands"))
                .defaultBranch(Branched.as("checks"));
        fromOutcomes.get("outcomes-checks")
                .to(Topics.INVENTORY_CHECKS.name(), Produced.with(Serdes.String(), checksSerde)
                        .withName("write-checks-on-outcomes"));

        // Follow-up commands never reserve, so they only ever change stock.
        repartition(fromOutcomes.get("outcomes-commands"), STOCK_FOLLOWUPS, StockCommand.class, config)
                .process(() -> new StockProcessor(config, false), Named.as("stock-keeper-followups"), STOCK_STORE)
                .filter((k, v) -> v instanceof Stock, Named.as("followup-stock-only"))
                .to(Topics.INVENTORY_STOCK.name(), Produced.with(Serdes.String(), stockSerde)
                        .withName("write-stock-on-followups"));

    }

    private static KStream<String, SpecificRecord> repartition(KStream<String, SpecificRecord> stream,
                                                               String name,
                                                               Class<? extends SpecificRecord> type,
                                                               InventoryTopologyConfig config) {
        return stream.repartition(Repartitioned.<String, SpecificRecord>as(name)
                .withKeySerde(Serdes.String())
                .withValueSerde(serde(type))
                .withNumberOfPartitions(config.partitions()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serde<SpecificRecord> serde(Class<? extends SpecificRecord> type) {
        return (Serde) ContractSerde.of(type);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(InventoryTopologyConfig config, String name,
                                                                   Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = config.persistentStores()
                ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde);
    }
}
