package com.eventshop.inventory.domain;

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
}
