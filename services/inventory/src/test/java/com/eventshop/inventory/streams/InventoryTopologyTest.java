package com.eventshop.inventory.streams;

import com.eventshop.platform.kafka.streams.DeadLetters;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.StockShortage;
import com.eventshop.contracts.events.InventoryChecked;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.tables.Stock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryTopologyTest {

    private InventoryDriver inv;

    @BeforeEach
    void start() {
        inv = new InventoryDriver();
        inv.setStock("p-1", 10);
        inv.setStock("p-2", 5);
        inv.stockChanges.readRecordsToList();
    }

    @AfterEach
    void stop() {
        inv.close();
    }

    @Test
    void adjustmentSetsAvailableAndPublishesStock() {
        inv.setStock("p-3", 7);
        assertThat(inv.stock("p-3")).containsExactly(7, 0, 0);
        List<TestRecord<String, org.apache.avro.specific.SpecificRecord>> published = inv.stockChanges.readRecordsToList();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).key()).isEqualTo("p-3");
        assertThat(((Stock) published.get(0).value()).getAvailable()).isEqualTo(7);
    }

    @Test
    void aRepeatedAdjustmentIsAppliedOnce() {
        inv.adjust("p-1", 10, "key-1");
        inv.request("o-1", "p-1", 4);
        inv.adjust("p-1", 10, "key-1"); // a retried PUT with the same Idempotency-Key
        assertThat(inv.stock("p-1")).containsExactly(6, 4, 0);
        inv.adjust("p-1", 10, "key-2");
        assertThat(inv.stock("p-1")).containsExactly(10, 4, 0);
    }

    @Test
    void seedsOnlyApplyToUnknownProducts() {
        inv.adjust("p-1", 1000, InventoryTopology.SEED_PREFIX + "p-1");
        inv.adjust("p-9", 1000, InventoryTopology.SEED_PREFIX + "p-9");
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
        assertThat(inv.stock("p-9")).containsExactly(1000, 0, 0);
    }

    @Test
    void reservesEveryLineAndPasses() {
        inv.request("o-1", "p-1", 2, "p-2", 1);

        List<TestRecord<String, org.apache.avro.specific.SpecificRecord>> checks = inv.checks.readRecordsToList();
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).key()).isEqualTo("o-1");
        InventoryChecked check = (InventoryChecked) checks.get(0).value();
        assertThat(check.getPassed()).isTrue();
        assertThat(check.getShortages()).isEmpty();
        assertThat(inv.stock("p-1")).containsExactly(8, 2, 0);
        assertThat(inv.stock("p-2")).containsExactly(4, 1, 0);
        // every change is published, keyed by product
        assertThat(inv.stockChanges.readKeyValuesToMap().keySet()).containsExactlyInAnyOrder("p-1", "p-2");
    }

    @Test
    void linesOfTheSameProductAreSummed() {
        inv.request("o-1", "p-2", 3, "p-2", 3);
        InventoryChecked check = inv.readChecks().get(0);
        assertThat(check.getPassed()).isFalse();
        assertThat(check.getShortages()).containsExactly(shortage("p-2", 6, 5));
        assertThat(inv.stock("p-2")).containsExactly(5, 0, 0);
    }

    @Test
    void shortageOnOneLineReservesNothingOfTheOrder() {
        inv.request("o-1", "p-1", 3, "p-2", 6);

        List<InventoryChecked> checks = inv.readChecks();
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).getPassed()).isFalse();
        assertThat(checks.get(0).getShortages()).containsExactly(shortage("p-2", 6, 5));
        assertThat(checks.get(0).getUnknownProducts()).isEmpty();
        // p-1 was reserved, then released again: all or nothing
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
        assertThat(inv.stock("p-2")).containsExactly(5, 0, 0);

        // the rejection that follows releases nothing more
        inv.reject("o-1");
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
        assertThat(inv.readChecks()).isEmpty();
    }

    @Test
    void unknownProductFailsTheCheckAndReservesNothing() {
        inv.request("o-1", "p-1", 1, "p-404", 1);

        InventoryChecked check = inv.readChecks().get(0);
        assertThat(check.getPassed()).isFalse();
        assertThat(check.getUnknownProducts()).containsExactly("p-404");
        assertThat(check.getShortages()).isEmpty();
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
        assertThat(inv.stock("p-404")).isNull();
    }

    @Test
    void rejectionReleasesExactlyOnce() {
        inv.request("o-1", "p-1", 4);
        inv.validate("o-1");
        assertThat(inv.stock("p-1")).containsExactly(6, 4, 0);

        inv.reject("o-1");
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
        inv.reject("o-1");
        inv.cancel("o-1");
        inv.payment("o-1", PaymentStatus.DECLINED);
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
    }

    @Test
    void declinedPaymentReleasesOnce() {
        inv.request("o-1", "p-1", 4);
        inv.payment("o-1", PaymentStatus.DECLINED);
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
        inv.payment("o-1", PaymentStatus.DECLINED);
        inv.cancel("o-1");
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
    }

    @Test
    void failedPaymentReleasesButAuthorisedKeepsTheReservation() {
        inv.request("o-1", "p-1", 4);
        inv.payment("o-1", PaymentStatus.AUTHORIZED);
        assertThat(inv.stock("p-1")).containsExactly(6, 4, 0);

        inv.request("o-2", "p-1", 2);
        inv.payment("o-2", PaymentStatus.FAILED);
        assertThat(inv.stock("p-1")).containsExactly(6, 4, 0);
    }

    @Test
    void cancellationReleasesOnce() {
        inv.request("o-1", "p-1", 4, "p-2", 2);
        inv.cancel("o-1");
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
        assertThat(inv.stock("p-2")).containsExactly(5, 0, 0);
        inv.cancel("o-1");
        inv.reject("o-1");
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
        assertThat(inv.stock("p-2")).containsExactly(5, 0, 0);
    }

    @Test
    void confirmationSellsOnceAndALaterCancellationRestocks() {
        inv.request("o-1", "p-1", 4);
        inv.payment("o-1", PaymentStatus.AUTHORIZED);
        inv.confirm("o-1");
        assertThat(inv.stock("p-1")).containsExactly(6, 0, 4);
        inv.confirm("o-1");
        inv.reject("o-1");
        assertThat(inv.stock("p-1")).containsExactly(6, 0, 4);

        inv.cancel("o-1");
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
        inv.cancel("o-1");
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
    }

    @Test
    void closedBeforeRequestedReservesNothing() {
        inv.reject("o-1");
        inv.request("o-1", "p-1", 4);
        assertThat(inv.stock("p-1")).containsExactly(10, 0, 0);
        assertThat(inv.readChecks()).isEmpty();
    }

    @Test
    void duplicateRequestReservesOnce() {
        inv.request("o-1", "p-1", 4);
        inv.request("o-1", "p-1", 4);
        assertThat(inv.stock("p-1")).containsExactly(6, 4, 0);
        assertThat(inv.readChecks()).hasSize(1);
    }

    @Test
    void adjustmentKeepsReservations() {
        inv.request("o-1", "p-1", 4);
        inv.setStock("p-1", 20);
        assertThat(inv.stock("p-1")).containsExactly(20, 4, 0);
        inv.reject("o-1");
        assertThat(inv.stock("p-1")).containsExactly(24, 0, 0);
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndProcessingGoesOn() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        inv.rawOrderRequested.pipeInput("o-bad", garbage);
        inv.request("o-1", "p-1", 1);

        List<TestRecord<String, byte[]>> dead = inv.deadLetters.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).key()).isEqualTo("o-bad");
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.HEADER_TOPIC).value(),
                StandardCharsets.UTF_8)).isEqualTo("order.requested");
        assertThat(dead.get(0).headers().lastHeader(DeadLetters.HEADER_EXCEPTION)).isNotNull();
        assertThat(inv.readChecks()).singleElement().satisfies(c -> assertThat(c.getPassed()).isTrue());
    }

    @Test
    void stockIsPublishedOncePerIntervalWithTheLatestLevel() {
        // Many reservations of one product between two publisher runs give one record, the latest.
        for (int i = 0; i < 5; i++) {
            inv.orderRequested.pipeInput("o-" + i, order("o-" + i, "p-1", 1));
        }
        assertThat(inv.stockChanges.isEmpty()).isTrue();
        inv.driver.advanceWallClockTime(InventoryTopologyConfig.DEFAULT_STOCK_PUBLISH_INTERVAL);
        List<TestRecord<String, org.apache.avro.specific.SpecificRecord>> published = inv.stockChanges.readRecordsToList();
        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("p-1");
            assertThat(((Stock) r.value()).getAvailable()).isEqualTo(5);
            assertThat(((Stock) r.value()).getReserved()).isEqualTo(5);
        });
        // Nothing changed: nothing more is published.
        inv.driver.advanceWallClockTime(InventoryTopologyConfig.DEFAULT_STOCK_PUBLISH_INTERVAL);
        assertThat(inv.stockChanges.isEmpty()).isTrue();
    }

    private static OrderRequested order(String orderId, String productId, int quantity) {
        return OrderRequested.newBuilder().setOrderId(orderId).setCustomerId("c-1")
                .setLines(List.of(OrderLine.newBuilder().setProductId(productId).setQuantity(quantity)
                        .setUnitPriceCents(100).build()))
                .setTotalCents(100).setCurrency("EUR")
                .setShippingAddress(Address.newBuilder().setName("A").setStreet("S 1").setCity("C")
                        .setPostalCode("1").setCountry("DE").build())
                .setRequestedAt(Instant.parse("2025-01-01T10:00:00Z")).build();
    }

    @Test
    void finishedReservationsArePurgedAfterRetention() {
        inv.request("o-1", "p-1", 1);
        inv.reject("o-1");
        inv.request("o-2", "p-1", 1);
        inv.driver.advanceWallClockTime(java.time.Duration.ofDays(8));
        var store = inv.driver.<String, Object>getKeyValueStore(InventoryTopology.ORDER_RESERVATIONS_STORE);
        assertThat(store.get("o-1")).isNull();
        assertThat(store.get("o-2")).isNotNull(); // still holds stock
    }

    private static StockShortage shortage(String productId, int requested, int available) {
        return StockShortage.newBuilder().setProductId(productId).setRequested(requested)
                .setAvailable(available).build();
    }

    // ---- Single-product orders: answered by the stock processor, the outcome recorded aside ----

    @Test
    void aSingleProductOrderIsAnsweredOnceFromTheStockSide() {
        inv.request("o-1", "p-1", 4);
        List<TestRecord<String, org.apache.avro.specific.SpecificRecord>> checks = inv.checks.readRecordsToList();
        assertThat(checks).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("o-1");
            assertThat(((InventoryChecked) r.value()).getPassed()).isTrue();
            // the internal marker of the RESERVE does not travel on
            assertThat(r.headers().lastHeader(InventoryRecords.ANSWERS_ORDER_HEADER)).isNull();
        });
        assertThat(inv.stock("p-1")).containsExactly(6, 4, 0);
        // The orders side recorded the line as reserved, so it can release or sell it later.
        var store = inv.driver.<String, com.eventshop.inventory.streams.internal.OrderReservation>getKeyValueStore(
                InventoryTopology.ORDER_RESERVATIONS_STORE);
        assertThat(store.get("o-1").getChecked()).isTrue();
        assertThat(store.get("o-1").getLines()).singleElement().satisfies(l -> assertThat(l.getState())
                .isEqualTo(com.eventshop.inventory.streams.internal.ReservationLineState.RESERVED));
    }

    @Test
    void aSingleProductShortageFailsFromTheStockSideAndHoldsNothing() {
        inv.request("o-1", "p-2", 6);
        assertThat(inv.readChecks()).singleElement().satisfies(c -> {
            assertThat(c.getPassed()).isFalse();
            assertThat(c.getShortages()).containsExactly(shortage("p-2", 6, 5));
            assertThat(c.getUnknownProducts()).isEmpty();
        });
        assertThat(inv.stock("p-2")).containsExactly(5, 0, 0);
        inv.reject("o-1");
        assertThat(inv.stock("p-2")).containsExactly(5, 0, 0);
        assertThat(inv.readChecks()).isEmpty();
    }

    @Test
    void aSingleUnknownProductFailsFromTheStockSide() {
        inv.request("o-1", "p-404", 1);
        assertThat(inv.readChecks()).singleElement().satisfies(c -> {
            assertThat(c.getPassed()).isFalse();
            assertThat(c.getUnknownProducts()).containsExactly("p-404");
        });
        assertThat(inv.stock("p-404")).isNull();
    }

    @Test
    void aSingleProductOrderIsReleasedAndSoldOnce() {
        inv.request("o-1", "p-1", 3);
        inv.request("o-2", "p-1", 2);
        inv.payment("o-1", PaymentStatus.DECLINED);
        inv.payment("o-2", PaymentStatus.AUTHORIZED);
        inv.confirm("o-2");
        inv.payment("o-1", PaymentStatus.DECLINED);
        inv.confirm("o-2");
        assertThat(inv.stock("p-1")).containsExactly(8, 0, 2);
        assertThat(inv.readChecks()).hasSize(2).allSatisfy(c -> assertThat(c.getPassed()).isTrue());
    }
}
