package com.eventshop.orders.api;

import com.eventshop.contracts.tables.Order;
import com.eventshop.orders.streams.OrdersTopology;
import com.eventshop.platform.kafka.streams.KeyOwnerForwarder;
import com.eventshop.platform.kafka.streams.StoreQueries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The orders view as the API reads it: an order from the instance that owns it, and a
 * customer's orders held by this instance (the listing gathers them from every instance).
 */
public class OrderLookup {

    /** Newest first, then by id, so pages are stable. */
    public static final Comparator<Order> NEWEST_FIRST = Comparator
            .comparing(Order::getCreatedAt, Comparator.reverseOrder())
            .thenComparing(Order::getOrderId);

    private final StoreQueries<Order> view;

    public OrderLookup(StoreQueries<Order> view) {
        this.view = view;
    }

    /**
     * @param forwarded answer from this instance's stores only (a forwarded request): an order
     *                  owned elsewhere is then a 503, not another hop
     */
    public Optional<OrderView> find(String orderId, boolean forwarded) {
        return view.find(orderId, forwarded, "/api/orders/" + KeyOwnerForwarder.encode(orderId), OrderView.class,
                OrderView::of);
    }

    public Optional<OrderView> find(String orderId) {
        return find(orderId, false);
    }

    /** Every order of a customer held by this instance, newest first. */
    public List<Order> localCustomerOrders(String customerId) {
        ReadOnlyKeyValueStore<String, String> index = view.store(OrdersTopology.ORDERS_BY_CUSTOMER_STORE);
        ReadOnlyKeyValueStore<String, Order> orders = view.store(OrdersTopology.ORDERS_VIEW_STORE);
        List<Order> found = view.read(() -> {
            List<Order> list = new ArrayList<>();
            try (KeyValueIterator<String, String> entries = index.prefixScan(
                    OrdersTopology.customerIndexPrefix(customerId), new StringSerializer())) {
                while (entries.hasNext()) {
                    Order order = orders.get(entries.next().value);
                    if (order != null && customerId.equals(order.getCustomerId())) {
                        list.add(order);
                    }
                }
            }
            return list;
        });
        found.sort(NEWEST_FIRST);
        return found;
    }

    /** The newest {@code limit} orders of a customer that another instance holds. */
    public OrderRequests.OrderPage remoteCustomerOrders(HostInfo instance,
            String customerId, int limit) {
        String path = "/api/orders?customerId=" + KeyOwnerForwarder.encode(customerId) + "&page=0&size=" + limit;
        return view.forwarder().fetch(instance, path, OrderRequests.OrderPage.class)
                .orElseThrow(() -> view.forwarder().unavailable().unreachable("The instance " + instance.host() + ":"
                        + instance.port() + " answered 404 for the orders of " + customerId));
    }

    /** The instances holding some part of the view, and this instance. */
    public List<HostInfo> instances() {
        return view.instances();
    }

    public HostInfo self() {
        return view.self();
    }
}
