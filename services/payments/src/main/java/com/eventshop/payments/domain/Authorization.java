package com.eventshop.payments.domain;

import java.util.Objects;

/** The provider's answer to an authorisation: a payment id and whether it was authorised. */
public record Authorization(String paymentId, Status status, String reason) {

    public enum Status { AUTHORIZED, DECLINED }

    public Authorization {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(status, "status");
    }

    public static Authorization authorized(String paymentId) {
        return new Authorization(paymentId, Status.AUTHORIZED, null);
    }

    public static Authorization declined(String paymentId, String reason) {
        return new Authorization(paymentId, Status.DECLINED, reason);
    }
}
