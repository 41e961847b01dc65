package com.eventshop.shipping.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.ShipmentStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShipmentDeskTest {

    private final ShipmentDesk desk = new ShipmentDesk(new SimulatedCarrier(Duration.ofSeconds(2)));
    private final Instant t0 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void theSimulatedCarrierMovesAParcelOneStepPerIntervalToDelivered() {
        Shipment s = desk.confirmed(null, "o-1", "c-1", t0).shipment().orElseThrow();
        assertThat(s.status()).isEqualTo(ShipmentStatus.PACKED);
        assertThat(s.nextCheckAt()).isEqualTo(t0.plusSeconds(2));
        assertThat(desk.due(s, t0.plusSeconds(1)).shipment()).isEmpty(); // not due yet
        Instant now = t0;
        for (ShipmentStatus expected : new ShipmentStatus[] {ShipmentStatus.SHIPPED, ShipmentStatus.OUT_FOR_DELIVERY,
                ShipmentStatus.DELIVERED}) {
            now = s.nextCheckAt();
            ShipmentDesk.Decision d = desk.due(s, now);
            assertThat(d.published()).isTrue();
            s = d.shipment().orElseThrow();
            assertThat(s.status()).isEqualTo(expected);
        }
        assertThat(s.nextCheckAt()).isNull();
        assertThat(desk.due(s, now.plusSeconds(10)).shipment()).isEmpty();
    }

    @Test
    void aRepeatedConfirmationChangesNothing() {
        Shipment s = desk.confirmed(null, "o-1", "c-1", t0).shipment().orElseThrow();
        assertThat(desk.confirmed(s, "o-1", "c-1", t0).shipment()).isEmpty();
    }

    @Test
    void trackingNumbersAreStablePerOrder() {
        SimulatedCarrier carrier = new SimulatedCarrier(Duration.ofSeconds(1));
        assertThat(carrier.trackingNumber("o-1")).isEqualTo(carrier.trackingNumber("o-1"))
                .isNotEqualTo(carrier.trackingNumber("o-2")).matches("ES\\d{12}");
    }

    @Test
    void reportsMayOnlyMoveForwardOneStepOrLoseTheParcel() {
        Shipment packed = desk.confirmed(null, "o-1", "c-1", t0).shipment().orElseThrow();
        assertThat(desk.check(packed, ShipmentStatus.DELIVERED)).contains(ShipmentDesk.Refusal.ILLEGAL_TRANSITION);
        assertThat(desk.check(packed, ShipmentStatus.SHIPPED)).isEmpty();
        assertThat(desk.check(null, ShipmentStatus.SHIPPED)).contains(ShipmentDesk.Refusal.UNKNOWN_SHIPMENT);
        Shipment lost = desk.reported(packed, ShipmentStatus.LOST, Duration.ZERO, t0).shipment().orElseThrow();
        assertThat(lost.status()).isEqualTo(ShipmentStatus.LOST);
        assertThat(lost.nextCheckAt()).isNull();
        assertThat(desk.reported(lost, ShipmentStatus.SHIPPED, Duration.ZERO, t0).refusal()).isPresent();
    }

    @Test
    void aDelayPushesTheNextStepBack() {
        Shipment packed = desk.confirmed(null, "o-1", "c-1", t0).shipment().orElseThrow();
        ShipmentDesk.Decision d = desk.reported(packed, null, Duration.ofSeconds(30), t0);
        assertThat(d.published()).isFalse();
        assertThat(d.shipment().orElseThrow().nextCheckAt()).isEqualTo(t0.plusSeconds(32));
    }

    @Test
    void onlyAPackedShipmentIsCancelled() {
        Shipment packed = desk.confirmed(null, "o-1", "c-1", t0).shipment().orElseThrow();
        assertThat(desk.cancelled(packed, t0).shipment().orElseThrow().status()).isEqualTo(ShipmentStatus.CANCELLED);
        Shipment shipped = desk.due(packed, packed.nextCheckAt()).shipment().orElseThrow();
        assertThat(desk.cancelled(shipped, t0).shipment()).isEmpty();
        assertThat(desk.cancelled(null, t0).shipment()).isEmpty();
    }

    @Test
    void webhookCallsAreAuthenticatedOnceWithinTheTolerance() {
        WebhookAuthenticator auth = new WebhookAuthenticator("s3cret", Duration.ofMinutes(5));
        String ts = Long.toString(t0.getEpochSecond());
        String sig = WebhookAuthenticator.sign("s3cret", ts, "{}");
        assertThat(auth.authenticate(ts, sig, "{}", t0)).isEmpty();
        assertThat(auth.authenticate(ts, sig, "{}", t0)).contains(WebhookAuthenticator.Failure.REPLAYED);
        assertThat(auth.authenticate(ts, sig, "{ }", t0)).contains(WebhookAuthenticator.Failure.BAD_SIGNATURE);
        assertThat(auth.authenticate(ts, sig, "{}", t0.plusSeconds(301))).contains(WebhookAuthenticator.Failure.STALE_TIMESTAMP);
        assertThat(auth.authenticate(null, sig, "{}", t0)).contains(WebhookAuthenticator.Failure.MISSING_HEADERS);
    }
}
