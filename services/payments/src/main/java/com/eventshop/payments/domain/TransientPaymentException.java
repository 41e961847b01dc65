package com.eventshop.payments.domain;

/** The provider was unreachable or failed temporarily; the same call may succeed later. */
public class TransientPaymentException extends RuntimeException {

    public TransientPaymentException(String message) {
        super(message);
    }

    public TransientPaymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
