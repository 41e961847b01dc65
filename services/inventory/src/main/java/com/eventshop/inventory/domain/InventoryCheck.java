package com.eventshop.inventory.domain;

import java.util.List;

/**
 * The verdict on one order: every line reserved ({@code passed}), or the products that were
 * short or unknown (and then nothing of the order stays reserved).
 */
public record InventoryCheck(String orderId, boolean passed, List<Shortage> shortages,
                             List<String> unknownProducts) {

    public InventoryCheck {
        shortages = List.copyOf(shortages);
        unknownProducts = List.copyOf(unknownProducts);
    }
}
