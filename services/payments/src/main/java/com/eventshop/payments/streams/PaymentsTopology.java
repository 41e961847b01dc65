package com.eventshop.payments.streams;

import com.eventshop.platform.kafka.streams.DeadLetters;
import com.eventshop.contracts.Service;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.payments.streams.internal.PaymentRecord;
import com.eventshop.payments.streams.internal.PendingAuthorization;
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
 * Payments' stream processing:
 *
 * <pre>
 * order.requested (OrderRequested)                   ─┐ decode; poison ─▶ dlt.payments
 * order.validated (OrderRejected | v1 OrderValidated) ┤
 * order.confirmed (OrderCancelled | OrderConfirmed)   ┤
 * shipment.events (ShipmentUpdated)                   ┴▶ payments (by orderId, store payments)
 *     ──▶ OrderPaymentProcessed (AUTHORIZED | DECLINED | FAILED | CAPTURED) | PaymentRefunded ──▶ payment.processed
 * </pre>
 *
 * Authorising on the request, beside inventory's and fraud's checks, is what lets orders confirm an
 * order in three transactional hops. All inputs are co-partitioned order topics, so one task sees every event of an order. The
 * provider is called with idempotency keys derived from the order id: if the task fails after a
 * call but before its transaction commits, the replayed call gets the provider's first answer, so
 * no order is charged or refunded twice. Authorisations run off the stream thread (a provider
 * answers in tens or hundreds of milliseconds); the ones under way are kept in the
 * pending-authorizations store, so a restarted task asks again for those it had not answered.
 */
public final class PaymentsTopology {

    /** KeyValueStore&lt;orderId, PaymentRecord&gt;: the payment of each order (interactive queries). */
    public static final String PAYMENTS_STORE = "payments";
    /** KeyValueStore&lt;orderId, Long&gt;: refunds to try again, with the time they last failed. */
    public static final String PENDING_REFUNDS_STORE = "pending-refunds";
    /** KeyValueStore&lt;orderId, PendingAuthorization&gt;: authorisations asked and not answered yet. */
    public static final String PENDING_AUTHORIZATIONS_STORE = "pending-authorizations";

    private PaymentsTopology() {
    }

    /** The topology on a builder of its own (tests, or a service without other processing). */
    public static Topology build(PaymentsTopologyConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        define(builder, config);
        return builder.build();
    }

    /** Adds the stores and processing to a builder (the Spring layer passes the service's builder). */
    public static void define(StreamsBuilder builder, PaymentsTopologyConfig config) {
        builder.addStateStore(store(config, PAYMENTS_STORE, ContractSerde.of(PaymentRecord.class)));
        builder.addStateStore(store(config, PENDING_REFUNDS_STORE, Serdes.Long()));
        // Only authorisations under way: small, in memory (still changelogged). Cached: a request
        // answered before the next commit leaves one tombstone in the changelog instead of two records.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_AUTHORIZATIONS_STORE),
                Serdes.String(), ContractSerde.of(PendingAuthorization.class)).withCachingEnabled());
        String deadLetters = Topics.deadLetterTopic(Service.PAYMENTS).name();

        DeadLetters.source(builder, Topics.ORDER_REQUESTED, deadLetters)
                .merge(DeadLetters.source(builder, Topics.ORDER_VALIDATED, deadLetters), Named.as("merge-order-validated"))
                .merge(DeadLetters.source(builder, Topics.ORDER_CONFIRMED, deadLetters), Named.as("merge-order-confirmed"))
                .merge(DeadLetters.source(builder, Topics.SHIPMENT_EVENTS, deadLetters), Named.as("merge-shipment-events"))
                .process(() -> new PaymentProcessor(config), Named.as("payments"), PAYMENTS_STORE, PENDING_REFUNDS_STORE,
                        PENDING_AUTHORIZATIONS_STORE)
                .to(Topics.PAYMENT_PROCESSED.name(), Produced.with(Serdes.String(),
                        ContractSerde.forTopic(Topics.PAYMENT_PROCESSED)).withName("write-payments"));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(PaymentsTopologyConfig config, String name,
                                                                   Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = config.persistentStores()
                ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde);
    }
}
