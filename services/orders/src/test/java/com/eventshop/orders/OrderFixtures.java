package com.eventshop.orders;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.StockShortage;
import com.eventshop.contracts.commands.OrderCancelRequested;
import com.eventshop.contracts.events.FraudChecked;
import com.eventshop.contracts.events.InventoryChecked;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.events.PaymentRefunded;
import com.eventshop.contracts.events.ShipmentUpdated;
import java.time.Instant;
import java.util.List;

/** Contract records as the other services write them, for tests. */
public final class OrderFixtures {

    public static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    private OrderFixtures() {
    }

    public static Address address() {
        return Address.newBuilder().setName("Ada Lovelace").setStreet("1 Analytical Way")
                .setCity("London").setPostalCode("N1 7AA").setCountry("GB").build();
    }

    /** Two lines of p-001 (12.99) and one of p-002 (4.99): 30.97 EUR. */
    public static OrderRequested requested(String orderId, String customerId) {
        return OrderRequested.newBuilder()
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setLines(List.of(
                        OrderLine.newBuilder().setProductId("p-001").setQuantity(2).setUnitPriceCents(1299).build(),
                        OrderLine.newBuilder().setProductId("p-002").setQuantity(1).setUnitPriceCents(499).build()))
                .setTotalCents(3097)
                .setCurrency("EUR")
                .setShippingAddress(address())
                .setRequestHash("hash-" + orderId)
                .setRequestedAt(T0)
                .build();
    }

    public static InventoryChecked inventoryPassed(String orderId) {
        return InventoryChecked.newBuilder().setOrderId(orderId).setPassed(true)
                .setShortages(List.of()).setUnknownProducts(List.of()).setCheckedAt(T0).build();
    }

    public static InventoryChecked inventoryShort(String orderId) {
        return InventoryChecked.newBuilder().setOrderId(orderId).setPassed(false)
                .setShortages(List.of(
                        StockShortage.newBuilder().setProductId("p-001").setRequested(2).setAvailable(1).build()))
                .setUnknownProducts(List.of("p-999"))
                .setCheckedAt(T0).build();
    }

    public static FraudChecked fraudPassed(String orderId) {
        return FraudChecked.newBuilder().setOrderId(orderId).setCustomerId("c-1").setPassed(true)
                .setRule(null).setCheckedAt(T0).build();
    }

    public static FraudChecked fraudFailed(String orderId, String rule) {
        return FraudChecked.newBuilder().setOrderId(orderId).setCustomerId("c-1").setPassed(false)
                .setRule(rule).setCheckedAt(T0).build();
    }

    public static OrderPaymentProcessed payment(String orderId, PaymentStatus status) {
        return OrderPaymentProcessed.newBuilder().setOrderId(orderId).setPaymentId("pay-" + orderId)
                .setStatus(status).setAmountCents(3097).setCurrency("EUR")
                .setReason(status == PaymentStatus.AUTHORIZED ? null : "card declined")
                .setProcessedAt(T0).build();
    }

    public static PaymentRefunded refund(String orderId) {
        return PaymentRefunded.newBuilder().setOrderId(orderId).setPaymentId("pay-" + orderId)
                .setRefundId("ref-" + orderId).setAmountCents(3097).setCurrency("EUR")
                .setRefundedAt(T0).build();
    }

    public static ShipmentUpdated shipment(String orderId, ShipmentStatus status) {
        return ShipmentUpdated.newBuilder().setOrderId(orderId).setShipmentId("s-" + orderId)
                .setTrackingNumber("TRK-" + orderId).setCarrier("demo-post").setStatus(status)
                .setUpdatedAt(T0).build();
    }

    public static OrderCancelRequested cancel(String orderId, String reason) {
        return OrderCancelRequested.newBuilder().setOrderId(orderId).setReason(reason)
                .setRequestedAt(T0).build();
    }
}
