package com.eventshop.orders.streams;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

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
 * order.commands ──┘    order-check-deadlines, orders-by-customer]
 *                                         └─▶ orders           (Order, every version)
 * </pre>
 *
 * All inputs are keyed by orderId and co-partitioned, so one task sees everything about an
 * order. The Spring application and the tests build the topology through {@link #build}.
 */
public final class OrdersTopology {

    /** The orders view: orderId → Order as it stands. Queried by the HTTP API. */
    public static final String ORDERS_VIEW_STORE = "orders-view";
    /** Validations in progress: orderId → PendingChecks. Entries are deleted once decided. */
    public static final String ORDER_CHECKS_STORE = "order-checks";
    /**
     * Index of validation deadlines: {@code <deadline millis, 19 digits>|<orderId>} → orderId.
     * Sorted by deadline, so the timeout punctuator reads only the overdue entries.
     */
    public static final String CHECK_DEADLINES_STORE = "order-check-deadlines";
    /**
     * Index of a customer's orders, newest first:
     * {@code <customerId>\0<Long.MAX_VALUE - createdAt millis, 19 digits>\0<orderId>} → orderId.
     * Local to each instance (the view is partitioned by orderId); see {@link #customerIndexPrefix}.
     */
    public static final String ORDERS_BY_CUSTOMER_STORE = "orders-by-customer";

    static final String PROCESSOR = "order-processor";
    static final String VALIDATED_SINK = "order-validated-sink";
    static final String CONFIRMED_SINK = "order-confirmed-sink";
    static final String VIEW_SINK = "orders-view-sink";

    private static final char INDEX_SEPARATOR = '\u0000';

    private OrdersTopology() {
    }

    public static Topology build(OrdersTopologyConfig config) {
        Objects.requireNonNull(config, "config");
        Topology topology = new Topology();
        TopicSpec[] inputs = {
            Topics.ORDER_REQUESTED, Topics.INVENTORY_CHECKS, Topics.FRAUD_CHECKS,
            Topics.PAYMENT_PROCESSED, Topics.SHIPMENT_EVENTS, Topics.ORDER_COMMANDS,
        };
        String[] sources = new String[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            sources[i] = inputs[i].name() + "-source";
            topology.addSource(sources[i], new StringDeserializer(),
                    ContractSerde.forTopic(inputs[i]).deserializer(), inputs[i].name());
        }
        topology.addProcessor(PROCESSOR, new OrderProcessor.Supplier(config), sources);
        topology.addSink(VALIDATED_SINK, Topics.ORDER_VALIDATED.name(), new StringSerializer(),
                ContractSerde.forTopic(Topics.ORDER_VALIDATED).serializer(), PROCESSOR);
        topology.addSink(CONFIRMED_SINK, Topics.ORDER_CONFIRMED.name(), new StringSerializer(),
                ContractSerde.forTopic(Topics.ORDER_CONFIRMED).serializer(), PROCESSOR);
        topology.addSink(VIEW_SINK, Topics.ORDERS_VIEW.name(), Serdes.String().serializer(),
                ContractSerde.forTopic(Topics.ORDERS_VIEW).serializer(), PROCESSOR);
        return topology;
    }

    /** The key prefix of every {@link #ORDERS_BY_CUSTOMER_STORE} entry of one customer. */
    public static String customerIndexPrefix(String customerId) {
        return customerId + INDEX_SEPARATOR;
    }

    static String customerIndexKey(String customerId, Instant createdAt, String orderId) {
        return customerIndexPrefix(customerId)
                + String.format("%019d", Long.MAX_VALUE - createdAt.toEpochMilli())
                + INDEX_SEPARATOR + orderId;
    }

    static String deadlineKey(Instant deadline, String orderId) {
        return String.format("%019d", deadline.toEpochMilli()) + '|' + orderId;
    }

    static long deadlineOf(String deadlineKey) {
        return Long.parseLong(deadlineKey.substring(0, 19));
    }
}
