package com.eventshop.orders.streams;

import com.eventshop.contracts.tables.Order;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries of the orders view on this instance, and where the other keys live.
 * Every failure to query (no KafkaStreams yet, rebalancing, a store being restored) is a
 * {@link StoreUnavailableException}, answered as 503 with Retry-After.
 */
public final class OrderStoreQueries {

    /** Newest first, then by id, so pages are stable. */
    public static final Comparator<Order> NEWEST_FIRST = Comparator
            .comparing(Order::getCreatedAt, Comparator.reverseOrder())
            .thenComparing(Order::getOrderId);

    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;

    /**
     * @param streams the running KafkaStreams (null before start)
     * @param self    this instance's {@code application.server}
     */
    public OrderStoreQueries(Supplier<KafkaStreams> streams, Supplier<HostInfo> self) {
        this.streams = streams;
        this.self = self;
    }

    /** Where an order lives. */
    public record Owner(HostInfo host, boolean local, int partition) {
    }

    public HostInfo self() {
        return self.get();
    }

    public Owner ownerOf(String orderId) {
        KafkaStreams kafkaStreams = running();
        KeyQueryMetadata metadata;
        try {
            metadata = kafkaStreams.queryMetadataForKey(OrdersTopology.ORDERS_VIEW_STORE, orderId,
                    new StringSerializer());
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("The orders view is not available: " + e.getMessage(), e);
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            throw new StoreUnavailableException("The owner of order " + orderId
                    + " is not known right now (rebalancing)");
        }
        return new Owner(metadata.activeHost(), metadata.activeHost().equals(self()), metadata.partition());
    }

    /** The order from this instance's own store, if this instance holds its partition. */
    public Optional<Order> localOrder(String orderId, int partition) {
        ReadOnlyKeyValueStore<String, Order> store = store(OrdersTopology.ORDERS_VIEW_STORE, partition);
        try {
            return Optional.ofNullable(store.get(orderId));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    /** Every order of a customer held by this instance, newest first. */
    public List<Order> localCustomerOrders(String customerId) {
        ReadOnlyKeyValueStore<String, String> index = store(OrdersTopology.ORDERS_BY_CUSTOMER_STORE, null);
        ReadOnlyKeyValueStore<String, Order> views = store(OrdersTopology.ORDERS_VIEW_STORE, null);
        List<Order> orders = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = index.prefixScan(
                OrdersTopology.customerIndexPrefix(customerId), new StringSerializer())) {
            while (entries.hasNext()) {
                Order order = views.get(entries.next().value);
                if (order != null && customerId.equals(order.getCustomerId())) {
                    orders.add(order);
                }
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
        orders.sort(NEWEST_FIRST);
        return orders;
    }

    /** The instances that hold some partition of the view (where a customer's orders may be). */
    public List<HostInfo> instances() {
        KafkaStreams kafkaStreams = running();
        Collection<StreamsMetadata> all;
        try {
            all = kafkaStreams.streamsMetadataForStore(OrdersTopology.ORDERS_BY_CUSTOMER_STORE);
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("The orders view is not available: " + e.getMessage(), e);
        }
        List<HostInfo> hosts = all.stream()
                .filter(m -> !m.topicPartitions().isEmpty())
                .map(StreamsMetadata::hostInfo)
                .distinct()
                .toList();
        if (hosts.isEmpty()) {
            throw new StoreUnavailableException("No instance holds the orders view right now (rebalancing)");
        }
        return hosts;
    }

    private KafkaStreams running() {
        KafkaStreams kafkaStreams = streams.get();
        if (kafkaStreams == null) {
            throw new StoreUnavailableException("The orders view is starting");
        }
        KafkaStreams.State state = kafkaStreams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw new StoreUnavailableException("The orders view is not available (" + state + ")");
        }
        return kafkaStreams;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Integer partition) {
        KafkaStreams kafkaStreams = running();
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        if (partition != null) {
            parameters = parameters.withPartition(partition);
        }
        try {
            return kafkaStreams.store(parameters);
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    private static StoreUnavailableException unavailable(InvalidStateStoreException e) {
        return new StoreUnavailableException("The orders view is not queryable right now: " + e.getMessage(), e);
    }
}
