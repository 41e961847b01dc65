package com.eventshop.payments.domain;

/** The provider refused a request for good: repeating it will not help. */
public class PaymentRefusedException extends RuntimeException {

    public PaymentRefusedException(String message) {
        super(message);
    }
}
