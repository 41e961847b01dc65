package com.eventshop.inventory.domain;

import java.util.Optional;

/**
 * Applies stock instructions and admin adjustments to the stock of one product. The stock
 * processor is the only caller; it owns every product's {@link StockLevel}.
 */
public final class StockBook {

    private StockBook() {
    }

    /**
     * The result of one instruction.
     *
     * @param updated  the new stock level, empty when nothing changed
     * @param outcome  the answer to a RESERVE, empty for the other instructions
     * @param anomaly  a description when the instruction did not fit the stock (never expected)
     */
    public record Applied(Optional<StockLevel> updated, Optional<ReservationOutcome> outcome,
                          Optional<String> anomaly) {

        static Applied changed(StockLevel level) {
            return new Applied(Optional.of(level), Optional.empty(), Optional.empty());
        }
    }

    /** The admin sets the available stock of a product (creating it when unknown). */
    public static StockLevel adjust(StockLevel current, String productId, int available) {
        StockLevel base = current != null ? current : StockLevel.empty(productId);
        return base.withAvailable(available);
    }

    /**
     * Applies one instruction to the stock of its product.
     *
     * @param current the product's stock, {@code null} if inventory does not know the product
     */
    public static Applied apply(StockLevel current, StockInstruction instruction) {
        String orderId = instruction.orderId();
        String productId = instruction.productId();
        int quantity = instruction.quantity();
        if (instruction.kind() == StockInstruction.Kind.RESERVE) {
            if (current == null) {
                return new Applied(Optional.empty(), Optional.of(new ReservationOutcome(orderId,
                        productId, quantity, ReservationOutcome.Result.UNKNOWN_PRODUCT, 0)),
                        Optional.empty());
            }
            if (current.canReserve(quantity)) {
                return new Applied(Optional.of(current.reserve(quantity)),
                        Optional.of(new ReservationOutcome(orderId, productId, quantity,
                                ReservationOutcome.Result.RESERVED, current.available())),
                        Optional.empty());
            }
            return new Applied(Optional.empty(), Optional.of(new ReservationOutcome(orderId,
                    productId, quantity, ReservationOutcome.Result.SHORT, current.available())),
                    Optional.empty());
        }
        if (current == null) {
            return new Applied(Optional.empty(), Optional.empty(), Optional.of(instruction.kind()
                    + " of " + quantity + " for order " + orderId + " on unknown product " + productId));
        }
        if (quantity <= 0) {
            return new Applied(Optional.empty(), Optional.empty(), Optional.of(instruction.kind()
                    + " of non-positive quantity " + quantity + " for order " + orderId));
        }
        StockLevel next = switch (instruction.kind()) {
            case RELEASE -> current.release(quantity);
            case SELL -> current.sell(quantity);
            case RESTOCK -> current.restock(quantity);
            case RESERVE -> throw new AssertionError("handled above");
        };
        Optional<String> anomaly = next.consistent() ? Optional.empty()
                : Optional.of(instruction.kind() + " of " + quantity + " for order " + orderId
                        + " left " + next + " with a negative bucket");
        return new Applied(Optional.of(next), Optional.empty(), anomaly);
    }
}
