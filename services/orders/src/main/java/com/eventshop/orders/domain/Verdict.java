package com.eventshop.orders.domain;

import java.util.List;

/**
 * The decision on a validated order.
 *
 * @param passed            every required check arrived and passed
 * @param reasons           every reason it was rejected for (empty when passed)
 * @param inventoryReserved the inventory check arrived and passed, so stock is held for it
 * @param paymentId         the authorised (or declined) payment, when the payment was a check
 * @param onlyPaymentFailed every other check passed: the order failed on its payment alone
 */
public record Verdict(boolean passed, List<String> reasons, boolean inventoryReserved, String paymentId,
                      boolean onlyPaymentFailed) {

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    public Verdict(boolean passed, List<String> reasons, boolean inventoryReserved) {
        this(passed, reasons, inventoryReserved, null, false);
    }
}
