package com.eventshop.orders.streams;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The orders topology: one {@link OrderProcessor} fed by every topic that moves an order
 * (requests, checks, payments, shipments, cancel commands), owning the queryable
 * {@value #ORDERS_VIEW_STORE} store and writing decisions and view changes.
 *
 * <pre>
 * order.requested ─┐
 * inventory.checks ┤                      ┌─▶ order.validated  (OrderValidated | OrderRejected)
 * fraud.checks ────┤                      │
 * payment.processed┼─▶ order-processor ───┼─▶ order.confirmed  (OrderConfirmed | OrderCancelled)
 * shipment.events ─┤   [orders-view, order-checks,
 * order.commands ──┘    orders-by-customer]
 *                                         └─▶ orders           (Order, every version)
 * </pre>
 *
 * All inputs are keyed by orderId and co-partitioned, so one task sees everything about an
 * order. The Spring application ({@link #define} on the platform's StreamsBuilder) and the
 * tests ({@link #build}) build the same thing.
 */
public final class OrdersTopology {

    /** The orders view: orderId → Order as it stands. Queried by the HTTP API. */
    public static final String ORDERS_VIEW_STORE = "orders-view";
    /** Validations in progress: orderId → PendingChecks. Entries are deleted once decided. */
    public static final String ORDER_CHECKS_STORE = "order-checks";
    /**
     * Index of a customer's orders, newest first:
     * {@code <customerId>\0<Long.MAX_VALUE - createdAt millis, 19 digits>\0<orderId>} → orderId.
     * Local to each instance (the view is partitioned by orderId); see {@link #customerIndexPrefix}.
     */
    public static final String ORDERS_BY_CUSTOMER_STORE = "orders-by-customer";

    /** The topics the processor reads, all keyed by orderId and co-partitioned. */
    public static final List<TopicSpec> INPUTS = List.of(
            Topics.ORDER_REQUESTED, Topics.INVENTORY_CHECKS, Topics.FRAUD_CHECKS,
            Topics.PAYMENT_PROCESSED, Topics.SHIPMENT_EVENTS, Topics.ORDER_COMMANDS);

    static final String SOURCE = "order-events";
    static final String PROCESSOR = "order-processor";
    static final String VALIDATED_SINK = "order-validated-sink";
    static final String CONFIRMED_SINK = "order-confirmed-sink";
    static final String VIEW_SINK = "orders-view-sink";

    private static final char INDEX_SEPARATOR = '\u0000';

    private OrdersTopology() {
    }

    /** The order processor as a topology of its own (tests, tools). */
    public static Topology build(OrdersTopologyConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        define(builder, config);
        return builder.build();
    }

    /**
     * Adds the order processor to a builder: what the Spring service does with the builder the
     * platform gives it. One source node reads all six input topics (each with the serde of its
     * own record types), so the processor, its stores and every input partition of an order
     * live in one task.
     */
    public static void define(StreamsBuilder builder, OrdersTopologyConfig config) {
        Objects.requireNonNull(config, "config");
        Map<String, Deserializer<SpecificRecord>> byTopic = new LinkedHashMap<>();
        for (TopicSpec input : INPUTS) {
            byTopic.put(input.name(), ContractSerde.forTopic(input).deserializer());
        }
        Deserializer<SpecificRecord> values = (topic, data) -> {
            Deserializer<SpecificRecord> deserializer = byTopic.get(topic);
            if (deserializer == null) {
                throw new SerializationException("Not an input topic of orders: " + topic);
            }
            return deserializer.deserialize(topic, data);
        };
        Serde<SpecificRecord> valueSerde = Serdes.serdeFrom(
                (topic, data) -> {
                    throw new UnsupportedOperationException("input serde only");
                }, values);
        KStream<String, SpecificRecord> out = builder
                .stream(List.copyOf(byTopic.keySet()),
                        Consumed.with(Serdes.String(), valueSerde).withName(SOURCE))
                .process(new OrderProcessor.Supplier(config), Named.as(PROCESSOR));
        // The processor forwards each record to the sink it belongs to, by name.
        out.to(Topics.ORDER_VALIDATED.name(), Produced.with(Serdes.String(),
                ContractSerde.forTopic(Topics.ORDER_VALIDATED)).withName(VALIDATED_SINK));
        out.to(Topics.ORDER_CONFIRMED.name(), Produced.with(Serdes.String(),
                ContractSerde.forTopic(Topics.ORDER_CONFIRMED)).withName(CONFIRMED_SINK));
        out.to(Topics.ORDERS_VIEW.name(), Produced.with(Serdes.String(),
                ContractSerde.forTopic(Topics.ORDERS_VIEW)).withName(VIEW_SINK));
    }

    /** The key prefix of every {@link #ORDERS_BY_CUSTOMER_STORE} entry of one customer. */
    public static String customerIndexPrefix(String customerId) {
        return customerId + INDEX_SEPARATOR;
    }

    static String customerIndexKey(String customerId, Instant createdAt, String orderId) {
        // Zero-padded by hand: String.format was a measurable share of the order processor's time.
        String newestFirst = Long.toString(Long.MAX_VALUE - createdAt.toEpochMilli());
        return customerIndexPrefix(customerId) + "0".repeat(Math.max(0, 19 - newestFirst.length())) + newestFirst
                + INDEX_SEPARATOR + orderId;
    }
}
