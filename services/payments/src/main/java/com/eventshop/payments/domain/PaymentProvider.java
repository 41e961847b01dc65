package com.eventshop.payments.domain;

/**
 * A payment provider (card acquirer, PSP). Like real providers it is idempotent per key: a call
 * repeated with the same idempotency key returns the first call's result and charges or refunds
 * nothing more. That is what makes replaying a call after a crash safe.
 */
public interface PaymentProvider {

    /**
     * Authorises an amount for an order.
     *
     * @throws TransientPaymentException the provider could not be reached or answered with a
     *                                   temporary error; the call may be repeated with the same key
     * @throws PaymentRefusedException   the request itself is refused (e.g. a key reused for
     *                                   another request); repeating it does not help
     */
    Authorization authorize(String idempotencyKey, String orderId, String customerId, long amountCents,
                            String currency) throws TransientPaymentException;

    /**
     * Captures an authorised amount: the hold becomes a charge.
     *
     * @return the provider's capture id
     * @throws TransientPaymentException as for {@link #authorize}
     * @throws PaymentRefusedException   unknown or voided payment, or more than was authorised
     */
    String capture(String idempotencyKey, String paymentId, long amountCents) throws TransientPaymentException;

    /**
     * Voids an authorisation that was never captured: the hold is released and the customer is
     * never charged.
     *
     * @return the provider's void id
     * @throws TransientPaymentException as for {@link #authorize}
     * @throws PaymentRefusedException   unknown payment, or one captured already (refund it instead)
     */
    String voidAuthorization(String idempotencyKey, String paymentId) throws TransientPaymentException;

    /**
     * Refunds (part of) a captured payment.
     *
     * @return the provider's refund id
     * @throws TransientPaymentException as for {@link #authorize}
     * @throws PaymentRefusedException   unknown or uncaptured payment, or more than was captured
     */
    String refund(String idempotencyKey, String paymentId, long amountCents) throws TransientPaymentException;
}
