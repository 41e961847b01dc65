package com.eventshop.shipping.streams;

import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.events.ShipmentUpdated;
import com.eventshop.shipping.domain.Shipment;
import com.eventshop.shipping.streams.internal.ShipmentRecord;

/** Maps between the domain and the Avro records in the shipments store and on shipment.events. */
public final class ShipmentRecords {

    private ShipmentRecords() {
    }

    public static ShipmentRecord toRecord(Shipment s) {
        return ShipmentRecord.newBuilder().setOrderId(s.orderId()).setCustomerId(s.customerId())
                .setShipmentId(s.shipmentId()).setTrackingNumber(s.trackingNumber()).setCarrier(s.carrier())
                .setStatus(s.status().name()).setCreatedAt(s.createdAt()).setUpdatedAt(s.updatedAt())
                .setNextCheckAt(s.nextCheckAt()).build();
    }

    /** The stored shipment; a status this version does not know reads as UNKNOWN (and then never moves). */
    public static Shipment toDomain(ShipmentRecord r) {
        if (r == null) {
            return null;
        }
        ShipmentStatus status;
        try {
            status = ShipmentStatus.valueOf(r.getStatus());
        } catch (IllegalArgumentException e) {
            status = ShipmentStatus.UNKNOWN;
        }
        return new Shipment(r.getOrderId(), r.getCustomerId(), r.getShipmentId(), r.getTrackingNumber(),
                r.getCarrier(), status, r.getCreatedAt(), r.getUpdatedAt(), r.getNextCheckAt());
    }

    public static ShipmentUpdated toEvent(Shipment s) {
        return ShipmentUpdated.newBuilder().setOrderId(s.orderId()).setShipmentId(s.shipmentId())
                .setTrackingNumber(s.trackingNumber()).setCarrier(s.carrier()).setStatus(s.status())
                .setUpdatedAt(s.updatedAt()).build();
    }
}
