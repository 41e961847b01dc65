package com.eventshop.inventory.domain;

import java.util.List;
import java.util.Objects;

/** The stock processor's answer to one RESERVE instruction. */
public record ReservationOutcome(String orderId, String productId, int quantity, Result result,
                                 int available) {

    public enum Result { RESERVED, SHORT, UNKNOWN_PRODUCT }

    public ReservationOutcome {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(result, "result");
    }

    /**
     * The verdict on an order of this one product (the stock side answers such orders itself):
     * the same check the order side would gather from this single outcome.
     */
    public InventoryCheck asCheck() {
        return switch (result) {
            case RESERVED -> new InventoryCheck(orderId, true, List.of(), List.of());
            case SHORT -> new InventoryCheck(orderId, false, List.of(new Shortage(productId, quantity, available)),
                    List.of());
            case UNKNOWN_PRODUCT -> new InventoryCheck(orderId, false, List.of(), List.of(productId));
        };
    }
}
