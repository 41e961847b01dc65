package com.eventshop.shipping.domain;

import static com.eventshop.contracts.ShipmentStatus.CANCELLED;
import static com.eventshop.contracts.ShipmentStatus.DELIVERED;
import static com.eventshop.contracts.ShipmentStatus.LOST;
import static com.eventshop.contracts.ShipmentStatus.OUT_FOR_DELIVERY;
import static com.eventshop.contracts.ShipmentStatus.PACKED;
import static com.eventshop.contracts.ShipmentStatus.SHIPPED;

import com.eventshop.contracts.ShipmentStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The moves a shipment may make:
 *
 * <pre>
 * PACKED ──▶ SHIPPED ──▶ OUT_FOR_DELIVERY ──▶ DELIVERED
 *   │           └──────────────┴──────────▶ LOST
 *   └──▶ CANCELLED (the order was cancelled before the parcel left)
 * </pre>
 *
 * DELIVERED, LOST and CANCELLED are final. A status never moves backwards or skips a step.
 */
public final class ShipmentLifecycle {

    private static final Map<ShipmentStatus, Set<ShipmentStatus>> ALLOWED = Map.of(
            PACKED, EnumSet.of(SHIPPED, CANCELLED, LOST),
            SHIPPED, EnumSet.of(OUT_FOR_DELIVERY, LOST),
            OUT_FOR_DELIVERY, EnumSet.of(DELIVERED, LOST));

    private ShipmentLifecycle() {
    }

    public static boolean allowed(ShipmentStatus from, ShipmentStatus to) {
        return ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    public static boolean isFinal(ShipmentStatus status) {
        return !ALLOWED.containsKey(status);
    }

    /** The regular next step of a parcel on its way, empty when it is final. */
    public static Optional<ShipmentStatus> nextStep(ShipmentStatus status) {
        return switch (status) {
            case PACKED -> Optional.of(SHIPPED);
            case SHIPPED -> Optional.of(OUT_FOR_DELIVERY);
            case OUT_FOR_DELIVERY -> Optional.of(DELIVERED);
            default -> Optional.empty();
        };
    }
}
