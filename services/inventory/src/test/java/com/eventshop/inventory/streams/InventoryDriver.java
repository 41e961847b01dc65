package com.eventshop.inventory.streams;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.commands.StockAdjusted;
import com.eventshop.contracts.events.InventoryChecked;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Stock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The inventory topology in a TopologyTestDriver, with helpers to feed and read it. */
final class InventoryDriver implements AutoCloseable {

    final TopologyTestDriver driver;
    final TestInputTopic<String, SpecificRecord> orderRequested;
    final TestInputTopic<String, SpecificRecord> orderValidated;
    final TestInputTopic<String, SpecificRecord> orderConfirmed;
    final TestInputTopic<String, SpecificRecord> adjustments;
    final TestInputTopic<String, byte[]> rawOrderRequested;
    final TestOutputTopic<String, SpecificRecord> checks;
    final TestOutputTopic<String, SpecificRecord> stockChanges;
    final TestOutputTopic<String, byte[]> deadLetters;
    private final Instant start = Instant.parse("2025-01-01T10:00:00Z");
    private final InventoryTopologyConfig config;
    private long tick;

    InventoryDriver() {
        this(InventoryTopologyConfig.defaults().withPersistentStores(false));
    }

    InventoryDriver(InventoryTopologyConfig config) {
        this.config = config;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "inventory-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(InventoryTopology.build(config), props, start);
        orderRequested = input(Topics.ORDER_REQUESTED.name(), ContractSerde.forTopic(Topics.ORDER_REQUESTED));
        orderValidated = input(Topics.ORDER_VALIDATED.name(), ContractSerde.forTopic(Topics.ORDER_VALIDATED));
        orderConfirmed = input(Topics.ORDER_CONFIRMED.name(), ContractSerde.forTopic(Topics.ORDER_CONFIRMED));
        adjustments = input(Topics.INVENTORY_ADJUSTMENTS.name(), ContractSerde.forTopic(Topics.INVENTORY_ADJUSTMENTS));
        rawOrderRequested = driver.createInputTopic(Topics.ORDER_REQUESTED.name(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        checks = driver.createOutputTopic(Topics.INVENTORY_CHECKS.name(), Serdes.String().deserializer(),
                ContractSerde.forTopic(Topics.INVENTORY_CHECKS).deserializer());
        stockChanges = driver.createOutputTopic(Topics.INVENTORY_STOCK.name(), Serdes.String().deserializer(),
                ContractSerde.forTopic(Topics.INVENTORY_STOCK).deserializer());
        deadLetters = driver.createOutputTopic("dlt.inventory", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    private TestInputTopic<String, SpecificRecord> input(String topic, ContractSerde<SpecificRecord> serde) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), serde.serializer());
    }

    /**
     * Lets the stock publisher run after each input, as it does every stock-publish-interval in
     * the service, so tests see the inventory.stock records an input causes.
     */
    private void published() {
        driver.advanceWallClockTime(config.stockPublishInterval());
    }

    private Instant now() {
        return start.plusMillis(++tick);
    }

    void setStock(String productId, int available) {
        adjust(productId, available, UUID.randomUUID().toString());
    }

    void adjust(String productId, int available, String adjustmentId) {
        adjustments.pipeInput(productId, StockAdjusted.newBuilder().setAdjustmentId(adjustmentId)
                .setProductId(productId).setAvailable(available).setAdjustedAt(now()).build(), now());
        published();
    }

    /** lines: productId, quantity, productId, quantity, ... */
    void request(String orderId, Object... lines) {
        List<OrderLine> orderLines = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 2) {
            orderLines.add(OrderLine.newBuilder().setProductId((String) lines[i])
                    .setQuantity((Integer) lines[i + 1]).setUnitPriceCents(100).build());
        }
        orderRequested.pipeInput(orderId, OrderRequested.newBuilder().setOrderId(orderId).setCustomerId("c-1")
                .setLines(orderLines).setTotalCents(100).setCurrency("EUR")
                .setShippingAddress(Address.newBuilder().setName("A").setStreet("S 1").setCity("C")
                        .setPostalCode("1").setCountry("DE").build())
                .setRequestedAt(now()).build(), now());
        published();
    }

    void validate(String orderId) {
        orderValidated.pipeInput(orderId, OrderValidated.newBuilder().setOrderId(orderId).setCustomerId("c-1")
                .setTotalCents(100).setCurrency("EUR").setValidatedAt(now()).build(), now());
        published();
    }

    void reject(String orderId) {
        orderValidated.pipeInput(orderId, OrderRejected.newBuilder().setOrderId(orderId).setCustomerId("c-1")
                .setReasons(List.of("test")).setInventoryReserved(true).setRejectedAt(now()).build(), now());
        published();
    }

    /**
     * What reaches inventory of a payment: since order flow v2 inventory does not read
     * payment.processed; a declined or failed payment arrives as the OrderRejected that orders
     * decides on it, and an authorised one changes nothing here.
     */
    void payment(String orderId, PaymentStatus status) {
        if (status == PaymentStatus.DECLINED || status == PaymentStatus.FAILED) {
            orderValidated.pipeInput(orderId, OrderRejected.newBuilder().setOrderId(orderId).setCustomerId("c-1")
                    .setReasons(List.of("PAYMENT_" + status + ": card declined")).setInventoryReserved(true)
                    .setRejectedAt(now()).build(), now());
        }
        published();
    }

    void confirm(String orderId) {
        orderConfirmed.pipeInput(orderId, OrderConfirmed.newBuilder().setOrderId(orderId).setCustomerId("c-1")
                .setLines(List.of()).setTotalCents(100).setCurrency("EUR")
                .setShippingAddress(Address.newBuilder().setName("A").setStreet("S 1").setCity("C")
                        .setPostalCode("1").setCountry("DE").build())
                .setConfirmedAt(now()).build(), now());
        published();
    }

    void cancel(String orderId) {
        orderConfirmed.pipeInput(orderId, OrderCancelled.newBuilder().setOrderId(orderId).setCustomerId("c-1")
                .setPreviousState(OrderState.VALIDATED).setReason("test").setCancelledAt(now()).build(), now());
        published();
    }

    KeyValueStore<String, Stock> stockStore() {
        return driver.getKeyValueStore(InventoryTopology.STOCK_STORE);
    }

    /** {available, reserved, sold} of a product, or null if unknown. */
    int[] stock(String productId) {
        Stock s = stockStore().get(productId);
        return s == null ? null : new int[] {s.getAvailable(), s.getReserved(), s.getSold()};
    }

    List<InventoryChecked> readChecks() {
        return checks.readValuesToList().stream().map(InventoryChecked.class::cast).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
