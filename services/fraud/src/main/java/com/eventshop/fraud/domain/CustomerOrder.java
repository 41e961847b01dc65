package com.eventshop.fraud.domain;

import java.time.Instant;
import java.util.Objects;

/** An order as the fraud rules see it: who, how much, when. */
public record CustomerOrder(String orderId, String customerId, long totalCents, Instant requestedAt) {

    public CustomerOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
