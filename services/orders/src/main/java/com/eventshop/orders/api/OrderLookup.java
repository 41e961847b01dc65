package com.eventshop.orders.api;

import com.eventshop.orders.streams.OrderStoreQueries;
import com.eventshop.orders.streams.StoreUnavailableException;
import java.util.Optional;

/** Finds an order in the view: in this instance's store, or by asking the instance that owns it. */
public class OrderLookup {

    private final OrderStoreQueries queries;
    private final OrderOwnerForwarder forwarder;

    public OrderLookup(OrderStoreQueries queries, OrderOwnerForwarder forwarder) {
        this.queries = queries;
        this.forwarder = forwarder;
    }

    /**
     * @param localOnly answer from this instance's stores only (a forwarded request): an order
     *                  owned elsewhere is then a 503, not another hop
     */
    public Optional<OrderView> find(String orderId, boolean localOnly) {
        OrderStoreQueries.Owner owner = queries.ownerOf(orderId);
        if (owner.local()) {
            return queries.localOrder(orderId, owner.partition()).map(OrderView::of);
        }
        if (localOnly) {
            throw new StoreUnavailableException("Order " + orderId + " is not held here (ownership is moving)");
        }
        return forwarder.fetchOrder(owner.host(), orderId);
    }

    public Optional<OrderView> find(String orderId) {
        return find(orderId, false);
    }
}
