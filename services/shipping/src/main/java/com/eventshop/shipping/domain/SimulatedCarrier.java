package com.eventshop.shipping.domain;

import com.eventshop.contracts.ShipmentStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A carrier that moves every parcel one step (PACKED → SHIPPED → OUT_FOR_DELIVERY → DELIVERED)
 * each {@code stepInterval}. Delaying or losing a parcel is a carrier report like any other
 * (see the shipment controller), so it is kept in the shipment's state and survives restarts.
 */
public final class SimulatedCarrier implements Carrier {

    public static final String NAME = "simulated";

    private final Duration stepInterval;

    public SimulatedCarrier(Duration stepInterval) {
        if (stepInterval.isNegative() || stepInterval.isZero()) {
            throw new IllegalArgumentException("stepInterval must be positive");
        }
        this.stepInterval = stepInterval;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code ES} and 12 digits derived from the order id. */
    @Override
    public String trackingNumber(String orderId) {
        long bits = UUID.nameUUIDFromBytes(("tracking:" + orderId).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
        return String.format("ES%012d", Math.floorMod(bits, 1_000_000_000_000L));
    }

    @Override
    public Instant nextCheck(Shipment shipment, Instant now) {
        return shipment.isFinal() ? null : now.plus(stepInterval);
    }

    @Override
    public Optional<ShipmentStatus> check(Shipment shipment, Instant now) {
        return ShipmentLifecycle.nextStep(shipment.status());
    }

    @Override
    public String toString() {
        return "SimulatedCarrier[step " + stepInterval + "]";
    }
}
