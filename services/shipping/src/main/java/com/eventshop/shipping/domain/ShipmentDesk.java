package com.eventshop.shipping.domain;

import com.eventshop.contracts.ShipmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Shipping's rules, in plain Java: what a confirmed order, a cancellation, a carrier report or
 * a due carrier check does to a shipment. Each answer is a {@link Decision}: the shipment to
 * store (if it changed) and whether a ShipmentUpdated is to be written.
 */
public final class ShipmentDesk {

    /** Why a carrier report was refused. */
    public enum Refusal { UNKNOWN_SHIPMENT, ILLEGAL_TRANSITION }

    /**
     * @param shipment  the shipment to store, empty when nothing changed
     * @param published true when the status changed and a ShipmentUpdated is to be written
     * @param refusal   why a carrier report was refused, empty when it was not
     */
    public record Decision(Optional<Shipment> shipment, boolean published, Optional<Refusal> refusal) {
        static Decision none() {
            return new Decision(Optional.empty(), false, Optional.empty());
        }

        static Decision refused(Refusal refusal) {
            return new Decision(Optional.empty(), false, Optional.of(refusal));
        }

        static Decision moved(Shipment shipment) {
            return new Decision(Optional.of(shipment), true, Optional.empty());
        }

        static Decision stored(Shipment shipment) {
            return new Decision(Optional.of(shipment), false, Optional.empty());
        }
    }

    private final Carrier carrier;

    public ShipmentDesk(Carrier carrier) {
        this.carrier = carrier;
    }

    /** An order was confirmed: a new shipment, PACKED. A repeated confirmation changes nothing. */
    public Decision confirmed(Shipment existing, String orderId, String customerId, Instant now) {
        if (existing != null) {
            return Decision.none();
        }
        Shipment packed = new Shipment(orderId, customerId, Shipment.shipmentIdOf(orderId),
                carrier.trackingNumber(orderId), carrier.name(), ShipmentStatus.PACKED, now, now, null);
        return Decision.moved(packed.withNextCheckAt(carrier.nextCheck(packed, now)));
    }

    /** The order was cancelled: a shipment still PACKED is cancelled; one on its way goes on. */
    public Decision cancelled(Shipment existing, Instant now) {
        if (existing == null || !ShipmentLifecycle.allowed(existing.status(), ShipmentStatus.CANCELLED)) {
            return Decision.none();
        }
        return Decision.moved(existing.moved(ShipmentStatus.CANCELLED, now).withNextCheckAt(null));
    }

    /**
     * Whether a carrier report would be accepted now (the webhook answers 404 or 409 otherwise
     * and writes nothing). A null status is a delay only.
     */
    public Optional<Refusal> check(Shipment existing, ShipmentStatus status) {
        if (existing == null) {
            return Optional.of(Refusal.UNKNOWN_SHIPMENT);
        }
        if (status == null) {
            return existing.isFinal() ? Optional.of(Refusal.ILLEGAL_TRANSITION) : Optional.empty();
        }
        return ShipmentLifecycle.allowed(existing.status(), status)
                ? Optional.empty() : Optional.of(Refusal.ILLEGAL_TRANSITION);
    }

    /** The carrier reported a status (or a delay). Checked again here: the state may have moved since the HTTP check. */
    public Decision reported(Shipment existing, ShipmentStatus status, Duration delay, Instant now) {
        Optional<Refusal> refusal = check(existing, status);
        if (refusal.isPresent()) {
            return Decision.refused(refusal.get());
        }
        if (status == null) {
            Instant base = existing.nextCheckAt() == null ? now : existing.nextCheckAt();
            return Decision.stored(existing.withNextCheckAt(existing.nextCheckAt() == null ? null : base.plus(delay)));
        }
        Shipment moved = existing.moved(status, now);
        return Decision.moved(moved.withNextCheckAt(carrier.nextCheck(moved, now)));
    }

    /** The shipment's check is due: ask the carrier. */
    public Decision due(Shipment existing, Instant now) {
        if (existing == null || existing.nextCheckAt() == null || now.isBefore(existing.nextCheckAt())) {
            return Decision.none();
        }
        Optional<ShipmentStatus> reported = carrier.check(existing, now)
                .filter(status -> ShipmentLifecycle.allowed(existing.status(), status));
        if (reported.isEmpty()) {
            return Decision.stored(existing.withNextCheckAt(carrier.nextCheck(existing, now)));
        }
        Shipment moved = existing.moved(reported.get(), now);
        return Decision.moved(moved.withNextCheckAt(carrier.nextCheck(moved, now)));
    }
}
