package com.eventshop.shipping.api;

import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.commands.CarrierReported;
import com.eventshop.platform.kafka.streams.KeyOwnerForwarder;
import com.eventshop.platform.kafka.streams.StoreQueries;
import com.eventshop.platform.security.RequestUser;
import com.eventshop.platform.web.ProblemException;
import com.eventshop.shipping.domain.Shipment;
import com.eventshop.shipping.domain.ShipmentDesk;
import com.eventshop.shipping.domain.WebhookAuthenticator;
import com.eventshop.shipping.streams.ShipmentRecords;
import com.eventshop.shipping.streams.internal.ShipmentRecord;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shipments: the query, the carrier webhook, and the simulated carrier's controls. Nothing here
 * writes shipment.events: accepted carrier reports go to shipping.carrier-reports, and the
 * stream processor (the single writer) applies them.
 */
@RestController
@RequestMapping("/api/shipments")
public class ShipmentController {

    public static final String TIMESTAMP_HEADER = "X-Carrier-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Carrier-Signature";

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long WRITE_TIMEOUT_MS = 10_000;

    /** A shipment as the API shows it. */
    public record ShipmentView(String orderId, String shipmentId, String trackingNumber, String carrier,
                               String status, Instant createdAt, Instant updatedAt, Instant nextCheckAt) {
        static ShipmentView of(Shipment s) {
            return new ShipmentView(s.orderId(), s.shipmentId(), s.trackingNumber(), s.carrier(), s.status().name(),
                    s.createdAt(), s.updatedAt(), s.nextCheckAt());
        }
    }

    /** The answer to an accepted carrier report: the processor applies it shortly. */
    public record Accepted(String shipmentId, String orderId, String status, long delayMillis) {
    }

    private final StoreQueries<ShipmentRecord> queries;
    private final ShipmentDesk desk;
    private final WebhookAuthenticator authenticator;
    private final KafkaTemplate<String, Object> kafka;
    private final Clock clock = Clock.systemUTC();

    public ShipmentController(StoreQueries<ShipmentRecord> queries, ShipmentDesk desk, WebhookAuthenticator authenticator,
                              KafkaTemplate<String, Object> kafka) {
        this.queries = queries;
        this.desk = desk;
        this.authenticator = authenticator;
        this.kafka = kafka;
    }

    /** A shipment, from the instance that owns its order. */
    @Operation(summary = "The shipment of an order, with its tracking number and status")
    @GetMapping("/{orderId}")
    public ShipmentView get(@PathVariable String orderId,
            @RequestHeader(name = KeyOwnerForwarder.FORWARDED_HEADER, required = false) String forwarded) {
        validOrderId(orderId);
        // A customer sees their own shipments only; someone else's is answered as not found.
        RequestUser user = RequestUser.current();
        return queries.find(orderId, forwarded != null, "/api/shipments/" + KeyOwnerForwarder.encode(orderId),
                        ShipmentView.class, record -> {
                            Shipment shipment = ShipmentRecords.toDomain(record);
                            return shipment != null && user.mayActFor(shipment.customerId())
                                    ? ShipmentView.of(shipment) : null;
                        })
                .orElseThrow(() -> ProblemException.notFound("No shipment for order " + orderId)
                        .with("orderId", orderId));
    }

    /**
     * The carrier webhook: {@code {"shipmentId": "shp-<orderId>", "status": "SHIPPED"}} signed with
     * {@code X-Carrier-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))} and
     * {@code X-Carrier-Timestamp: <epoch seconds>}. 401 for a bad signature, a stale timestamp or
     * a replay; 404 for an unknown shipment; 409 for an illegal transition; 202 when accepted.
     */
    @Operation(summary = "A carrier reports a shipment event (signed webhook)")
    @ResponseStatus(HttpStatus.ACCEPTED) // what the OpenAPI description documents
    @PostMapping("/{shipmentId}/events")
    public ResponseEntity<Accepted> carrierEvent(@PathVariable String shipmentId,
            @RequestHeader(name = TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
            @RequestBody(required = false) String body) {
        Optional<WebhookAuthenticator.Failure> failure = authenticator.authenticate(timestamp, signature, body,
                clock.instant());
        if (failure.isPresent()) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "Carrier call not authenticated",
                    "The call was refused: " + failure.get())
                    .type(URI.create("urn:eventshop:problem:carrier-signature")).with("reason", failure.get().name());
        }
        String orderId = orderIdOf(shipmentId);
        ShipmentStatus status = parseStatus(body, shipmentId);
        return ResponseEntity.accepted().body(report(shipment(orderId), status, 0));
    }

    /** Simulated carrier: hold the parcel {@code seconds} longer before its next step. */
    @Operation(summary = "Simulated carrier: delay a shipment")
    @ResponseStatus(HttpStatus.ACCEPTED) // what the OpenAPI description documents
    @PostMapping("/{shipmentId}/simulated/delay")
    public ResponseEntity<Accepted> delay(@PathVariable String shipmentId, @RequestParam long seconds) {
        if (seconds < 1 || seconds > 86_400) {
            throw ProblemException.badRequest("seconds must be 1..86400").with("seconds", seconds);
        }
        return ResponseEntity.accepted().body(report(shipment(orderIdOf(shipmentId)), null, seconds * 1000));
    }

    /** Simulated carrier: the parcel is lost. */
    @Operation(summary = "Simulated carrier: lose a shipment")
    @ResponseStatus(HttpStatus.ACCEPTED) // what the OpenAPI description documents
    @PostMapping("/{shipmentId}/simulated/lose")
    public ResponseEntity<Accepted> lose(@PathVariable String shipmentId) {
        return ResponseEntity.accepted().body(report(shipment(orderIdOf(shipmentId)), ShipmentStatus.LOST, 0));
    }

    private Accepted report(Shipment shipment, ShipmentStatus status, long delayMillis) {
        desk.check(shipment, status).ifPresent(refusal -> {
            throw new ProblemException(HttpStatus.CONFLICT, "Illegal shipment transition",
                    "Shipment " + shipment.shipmentId() + " is " + shipment.status() + "; it cannot become "
                            + (status == null ? "delayed" : status))
                    .type(URI.create("urn:eventshop:problem:shipment-state"))
                    .with("status", shipment.status().name());
        });
        CarrierReported report = CarrierReported.newBuilder().setOrderId(shipment.orderId())
                .setShipmentId(shipment.shipmentId()).setStatus(status).setDelayMillis(delayMillis)
                .setReportedAt(clock.instant()).build();
        try {
            kafka.send(Topics.SHIPPING_CARRIER_REPORTS.name(), shipment.orderId(), report)
                    .get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable(e);
        }
        return new Accepted(shipment.shipmentId(), shipment.orderId(), status == null ? null : status.name(),
                delayMillis);
    }

    /** A shipment this instance owns (carrier calls are answered by the owner; elsewhere a 503 with Retry-After). */
    private Shipment shipment(String orderId) {
        return queries.findLocal(orderId).map(ShipmentRecords::toDomain).orElseThrow(() ->
                ProblemException.notFound("No shipment for order " + orderId).with("orderId", orderId));
    }

    private static String orderIdOf(String shipmentId) {
        String orderId = Shipment.orderIdOf(shipmentId);
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw ProblemException.notFound("No shipment " + shipmentId).with("shipmentId", shipmentId);
        }
        return orderId;
    }

    private static String validOrderId(String orderId) {
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw ProblemException.badRequest("orderId must be 1 to 128 letters, digits or ._:- characters")
                    .with("orderId", orderId);
        }
        return orderId;
    }

    /** The body names the shipment, so a signed call cannot be replayed against another shipment. */
    private static ShipmentStatus parseStatus(String body, String shipmentId) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.get("shipmentId") == null || !shipmentId.equals(node.get("shipmentId").asString())) {
                throw ProblemException.badRequest("The body's shipmentId must be the shipment of the path")
                        .with("shipmentId", shipmentId);
            }
            String status = node == null || node.get("status") == null ? null : node.get("status").asString();
            if (status == null || status.equals(ShipmentStatus.UNKNOWN.name())) {
                throw ProblemException.badRequest("status is required: SHIPPED, OUT_FOR_DELIVERY, DELIVERED or LOST");
            }
            return ShipmentStatus.valueOf(status);
        } catch (JacksonException | IllegalArgumentException e) {
            throw ProblemException.badRequest("The body must be {\"shipmentId\": \"<id>\", \"status\": \"SHIPPED|OUT_FOR_DELIVERY|DELIVERED|LOST\"}")
                    .with("errors", Map.of("status", String.valueOf(e.getMessage())));
        }
    }

    private static ProblemException unavailable(Exception e) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Shipping temporarily unavailable",
                "The carrier report could not be written: " + e.getClass().getSimpleName());
    }
}
