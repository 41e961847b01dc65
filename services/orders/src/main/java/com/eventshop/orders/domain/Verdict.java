package com.eventshop.orders.domain;

import java.util.List;

/**
 * The decision on a validated order.
 *
 * @param passed            every required check arrived and passed
 * @param reasons           every reason it was rejected for (empty when passed)
 * @param inventoryReserved the inventory check arrived and passed, so stock is held for it
 */
public record Verdict(boolean passed, List<String> reasons, boolean inventoryReserved) {

    public Verdict {
        reasons = List.copyOf(reasons);
    }
}
