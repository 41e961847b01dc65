package com.eventshop.orders.streams;

import com.eventshop.contracts.Service;
import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.orders.api.OrderTimeline;
import com.eventshop.devinfra.TopologyCatalogue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topics orders' topology reads and writes are the ones the topic catalogue gives it. */
class OrdersTopologyCatalogueTest {

    @Test
    void topologyMatchesTheCatalogue() {
        // Beside the topology: the timeline reads every topic of an order, the view feed reads the
        // orders view back for live updates, and the price list follows catalog.products.
        List<TopicSpec> consumers = new ArrayList<>(OrderTimeline.TOPICS);
        consumers.add(Topics.ORDERS_VIEW);
        consumers.add(Topics.CATALOG_PRODUCTS);
        TopologyCatalogue.check(Service.ORDERS, OrdersTopology.build(OrdersTopologyConfig.defaults()), consumers);
    }
}
