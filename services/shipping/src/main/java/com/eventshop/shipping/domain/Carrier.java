package com.eventshop.shipping.domain;

import com.eventshop.contracts.ShipmentStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The carrier adapter. A carrier either reports by itself (its webhook calls
 * {@code POST /api/shipments/{id}/events}) or is asked on a schedule ({@link #nextCheck}); the
 * simulated carrier is asked. Calls come from shipping's stream processor, which is the only
 * writer of shipment events, so the adapter never writes anything itself.
 */
public interface Carrier {

    /** Carrier name as written on shipment events. */
    String name();

    /** The tracking number of a new parcel; the same for the same order (a replay after a crash gets the same number). */
    String trackingNumber(String orderId);

    /** When to ask about the shipment next; null when the carrier reports by itself or the shipment is final. */
    Instant nextCheck(Shipment shipment, Instant now);

    /** What the carrier says about the shipment now: its new status, or empty when unchanged. */
    Optional<ShipmentStatus> check(Shipment shipment, Instant now);
}
