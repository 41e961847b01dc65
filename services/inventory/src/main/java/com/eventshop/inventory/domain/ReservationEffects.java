package com.eventshop.inventory.domain;

import java.util.List;
import java.util.Optional;

/** What handling one event of an order asks for: stock instructions and maybe a verdict. */
public record ReservationEffects(List<StockInstruction> instructions, Optional<InventoryCheck> check) {

    private static final ReservationEffects NONE = new ReservationEffects(List.of(), Optional.empty());

    public ReservationEffects {
        instructions = List.copyOf(instructions);
    }

    public static ReservationEffects none() {
        return NONE;
    }

    public boolean isEmpty() {
        return instructions.isEmpty() && check.isEmpty();
    }
}
