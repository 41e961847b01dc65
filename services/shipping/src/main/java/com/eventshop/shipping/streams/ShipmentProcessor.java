package com.eventshop.shipping.streams;

import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.commands.CarrierReported;
import com.eventshop.shipping.domain.Shipment;
import com.eventshop.shipping.domain.ShipmentDesk;
import com.eventshop.shipping.streams.internal.ShipmentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keyed by orderId: applies the {@link ShipmentDesk}'s decisions to the stores and writes ShipmentUpdated. */
final class ShipmentProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(ShipmentProcessor.class);

    private final ShippingTopology.Config config;
    private final ShipmentDesk desk;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ShipmentRecord> shipments;
    private KeyValueStore<String, String> checks;

    ShipmentProcessor(ShippingTopology.Config config) {
        this.config = config;
        this.desk = new ShipmentDesk(config.carrier());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.shipments = context.getStateStore(ShippingTopology.SHIPMENTS_STORE);
        this.checks = context.getStateStore(ShippingTopology.CHECKS_STORE);
        context.schedule(config.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::runDueChecks);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Instant now = now();
        if (record.value() instanceof OrderConfirmed confirmed) {
            String orderId = confirmed.getOrderId();
            apply(orderId, desk.confirmed(load(orderId), orderId, confirmed.getCustomerId(), now), record.timestamp());
        } else if (record.value() instanceof OrderCancelled cancelled) {
            String orderId = cancelled.getOrderId();
            apply(orderId, desk.cancelled(load(orderId), now), record.timestamp());
        } else if (record.value() instanceof CarrierReported report) {
            String orderId = report.getOrderId();
            ShipmentDesk.Decision decision = desk.reported(load(orderId), report.getStatus(),
                    Duration.ofMillis(Math.max(0, report.getDelayMillis())), now);
            decision.refusal().ifPresent(refusal -> log.info("Carrier report {} for order {} refused: {}",
                    report.getStatus(), orderId, refusal));
            apply(orderId, decision, record.timestamp());
        }
    }

    private Shipment load(String orderId) {
        return ShipmentRecords.toDomain(shipments.get(orderId));
    }

    private void apply(String orderId, ShipmentDesk.Decision decision, long timestamp) {
        decision.shipment().ifPresent(shipment -> {
            Shipment before = load(orderId);
            Instant oldCheck = before == null ? null : before.nextCheckAt();
            if (oldCheck != null && !oldCheck.equals(shipment.nextCheckAt())) {
                checks.delete(checkKey(oldCheck, orderId));
            }
            if (shipment.nextCheckAt() != null) {
                checks.put(checkKey(shipment.nextCheckAt(), orderId), orderId);
            }
            shipments.put(orderId, ShipmentRecords.toRecord(shipment));
            if (decision.published()) {
                log.debug("Shipment of order {}: {}", orderId, shipment.status());
                context.forward(new Record<>(orderId, ShipmentRecords.toEvent(shipment),
                        Math.max(timestamp, shipment.updatedAt().toEpochMilli())));
            }
        });
    }

    /** Asks the carrier about every shipment whose check is due (index scan up to now). */
    private void runDueChecks(long wallClock) {
        Instant now = Instant.ofEpochMilli(wallClock);
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> range = checks.range(checkKey(Instant.EPOCH, ""),
                checkKey(now, "\uffff"))) {
            range.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            Shipment shipment = load(entry.value);
            if (shipment == null || shipment.nextCheckAt() == null
                    || !checkKey(shipment.nextCheckAt(), entry.value).equals(entry.key)) {
                checks.delete(entry.key); // left behind by a change of schedule
                continue;
            }
            apply(entry.value, desk.due(shipment, now), wallClock);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    static String checkKey(Instant at, String orderId) {
        return String.format("%019d", at.toEpochMilli()) + "|" + orderId;
    }
}
