package com.eventshop.orders.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.TopicSpec;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class OrdersTopologyShapeTest {

    @Test
    void oneProcessorReadsEveryOrderTopicAndOwnsTheStores() {
        TopologyDescription description = OrdersTopology.build(OrdersTopologyConfig.defaults()).describe();

        assertThat(description.subtopologies()).hasSize(1);
        TopologyDescription.Subtopology sub = description.subtopologies().iterator().next();
        TopologyDescription.Source source = sub.nodes().stream()
                .filter(TopologyDescription.Source.class::isInstance)
                .map(TopologyDescription.Source.class::cast).findFirst().orElseThrow();
        assertThat(source.topicSet()).containsExactlyInAnyOrderElementsOf(
                OrdersTopology.INPUTS.stream().map(TopicSpec::name).toList());
        TopologyDescription.Processor processor = sub.nodes().stream()
                .filter(n -> n.name().equals("order-processor"))
                .map(TopologyDescription.Processor.class::cast).findFirst().orElseThrow();
        assertThat(processor.stores()).containsExactlyInAnyOrder(OrdersTopology.ORDERS_VIEW_STORE,
                OrdersTopology.ORDER_CHECKS_STORE, OrdersTopology.ORDERS_BY_CUSTOMER_STORE);
        assertThat(processor.successors()).extracting(TopologyDescription.Node::name)
                .containsExactlyInAnyOrder("order-validated-sink", "order-confirmed-sink", "orders-view-sink");
        assertThat(sub.nodes()).filteredOn(TopologyDescription.Sink.class::isInstance)
                .extracting(n -> ((TopologyDescription.Sink) n).topic())
                .containsExactlyInAnyOrder("order.validated", "order.confirmed", "orders");
    }
}
