package com.eventshop.fraud.streams;

import com.eventshop.platform.kafka.streams.DeadLetters;
import com.eventshop.contracts.Service;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.fraud.domain.FraudRules;
import com.eventshop.fraud.streams.internal.CustomerOrder;
import com.eventshop.fraud.streams.internal.FraudDecision;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * Fraud's stream processing:
 *
 * <pre>
 * order.requested ──(decode; poison ─▶ dlt.fraud)──▶ re-key by customerId
 *   ──▶ repartition orders-by-customer ──▶ rules over the window store customer-orders
 *   ──▶ FraudChecked keyed by orderId ──▶ fraud.checks
 * </pre>
 *
 * The output is keyed by orderId again and written with the default partitioner, so it lands in
 * the same partition number as the order's other events (co-partitioned).
 */
public final class FraudTopology {

    /** WindowStore&lt;customerId, FraudDecision&gt; of each customer's orders at their requestedAt. */
    public static final String CUSTOMER_ORDERS_STORE = "customer-orders";
    /** Repartition topic (the application id and "-repartition" are added by Kafka Streams). */
    public static final String ORDERS_BY_CUSTOMER = "orders-by-customer";

    private FraudTopology() {
    }

    /** The topology on a builder of its own (tests, or a service without other processing). */
    public static Topology build(FraudTopologyConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        define(builder, config);
        return builder.build();
    }

    /** Adds the stores and processing to a builder (the Spring layer passes the service's builder). */
    public static void define(StreamsBuilder builder, FraudTopologyConfig config) {
        FraudRules rules = FraudRules.from(config.rules());
        Duration window = rules.lookback();
        Duration retention = window.plus(config.grace());
        WindowBytesStoreSupplier supplier = config.persistentStores()
                ? Stores.persistentWindowStore(CUSTOMER_ORDERS_STORE, retention, window, true)
                : Stores.inMemoryWindowStore(CUSTOMER_ORDERS_STORE, retention, window, true);

        builder.addStateStore(Stores.windowStoreBuilder(supplier, Serdes.String(), ContractSerde.of(FraudDecision.class)));

        DeadLetters.source(builder, Topics.ORDER_REQUESTED, Topics.deadLetterTopic(Service.FRAUD).name())
                .filter((orderId, value) -> value instanceof OrderRequested, Named.as("order-requested-only"))
                .map((orderId, value) -> KeyValue.pair(((OrderRequested) value).getCustomerId(), byCustomer((OrderRequested) value)),
                        Named.as("by-customer"))
                .repartition(Repartitioned.<String, SpecificRecord>as(ORDERS_BY_CUSTOMER)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(serde(CustomerOrder.class))
                        .withNumberOfPartitions(config.partitions()))
                .process(() -> new FraudProcessor(rules), Named.as("fraud-rules"), CUSTOMER_ORDERS_STORE)
                .to(Topics.FRAUD_CHECKS.name(), Produced.with(Serdes.String(), ContractSerde.forTopic(Topics.FRAUD_CHECKS))
                        .withName("write-fraud-checks"));
    }

    private static SpecificRecord byCustomer(OrderRequested order) {
        return CustomerOrder.newBuilder().setOrderId(order.getOrderId()).setCustomerId(order.getCustomerId())
                .setTotalCents(order.getTotalCents()).setCurrency(order.getCurrency())
                .setRequestedAt(order.getRequestedAt()).build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serde<SpecificRecord> serde(Class<? extends SpecificRecord> type) {
        return (Serde) ContractSerde.of(type);
    }
}
