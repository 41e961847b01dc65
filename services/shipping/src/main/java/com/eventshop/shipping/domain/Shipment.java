package com.eventshop.shipping.domain;

import com.eventshop.contracts.ShipmentStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * The shipment of one order as it stands.
 *
 * @param nextCheckAt when the carrier is asked about the parcel next; null when the carrier
 *                    reports by itself (webhook) or the shipment is final
 */
public record Shipment(String orderId, String customerId, String shipmentId, String trackingNumber,
                       String carrier, ShipmentStatus status, Instant createdAt, Instant updatedAt,
                       Instant nextCheckAt) {

    private static final String ID_PREFIX = "shp-";

    public Shipment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
    }

    /** Shipment ids are derived from the order id, so a webhook call names its order. */
    public static String shipmentIdOf(String orderId) {
        return ID_PREFIX + orderId;
    }

    /** The order of a shipment id, or null when the id is not a shipment id. */
    public static String orderIdOf(String shipmentId) {
        return shipmentId != null && shipmentId.startsWith(ID_PREFIX) && shipmentId.length() > ID_PREFIX.length()
                ? shipmentId.substring(ID_PREFIX.length()) : null;
    }

    public Shipment moved(ShipmentStatus newStatus, Instant at) {
        return new Shipment(orderId, customerId, shipmentId, trackingNumber, carrier, newStatus, createdAt, at,
                nextCheckAt);
    }

    public Shipment withNextCheckAt(Instant next) {
        return new Shipment(orderId, customerId, shipmentId, trackingNumber, carrier, status, createdAt, updatedAt,
                next);
    }

    public boolean isFinal() {
        return ShipmentLifecycle.isFinal(status);
    }
}
