package com.eventshop.inventory.streams;

import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.inventory.domain.OrderReservation;
import com.eventshop.inventory.domain.OrderReservation.ReleaseReason;
import com.eventshop.inventory.domain.RequestedLine;
import com.eventshop.inventory.domain.ReservationEffects;
import com.eventshop.inventory.domain.ReservationOutcome;
import com.eventshop.inventory.domain.StockInstruction;
import com.eventshop.inventory.streams.internal.LineOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

/**
 * The per-order side, keyed by orderId, over the {@code order-reservations} store: turns an
 * OrderRequested into RESERVE commands (keyed by productId), gathers the line outcomes into one
 * InventoryChecked (keyed by orderId), and turns rejections (a failed payment among them), cancellations and
 * confirmations into RELEASE / SELL / RESTOCK commands, each at most once per line.
 */
final class OrderReservationProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(OrderReservationProcessor.class);

    private final InventoryTopologyConfig config;
    private final boolean purges;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, com.eventshop.inventory.streams.internal.OrderReservation> store;

    /** @param purges whether this instance schedules the purge of finished reservations */
    OrderReservationProcessor(InventoryTopologyConfig config, boolean purges) {
        this.config = config;
        this.purges = purges;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(InventoryTopology.ORDER_RESERVATIONS_STORE);
        if (purges) {
            context.schedule(config.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, this::purge);
        }
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value instanceof OrderRequested requested) {
            List<RequestedLine> lines = requested.getLines().stream()
                    .map(l -> new RequestedLine(l.getProductId(), l.getQuantity())).toList();
            handle(record, requested.getOrderId(), true, r -> r.request(lines));
        } else if (value instanceof LineOutcome lineOutcome) {
            ReservationOutcome outcome = InventoryRecords.toDomain(lineOutcome);
            if (outcome == null) {
                log.warn("Ignoring line outcome with unknown result for order {}", lineOutcome.getOrderId());
                return;
            }
            handle(record, outcome.orderId(), true, r -> r.outcome(outcome));
        } else if (value instanceof OrderRejected rejected) {
            handle(record, rejected.getOrderId(), true, r -> r.release(ReleaseReason.REJECTED));
        } else if (value instanceof OrderCancelled cancelled) {
            handle(record, cancelled.getOrderId(), true, r -> r.release(ReleaseReason.CANCELLED));
        } else if (value instanceof OrderConfirmed confirmed) {
            handle(record, confirmed.getOrderId(), false, OrderReservation::confirm);
        }
        // OrderValidated changes nothing here. A declined payment reaches inventory as the
        // OrderRejected that orders decides on it, like every other failure.
    }

    private void handle(Record<String, SpecificRecord> record, String orderId, boolean createIfMissing,
                        Function<OrderReservation, ReservationEffects> action) {
        var stored = store.get(orderId);
        if (stored == null && !createIfMissing) {
            log.warn("{} for unknown order {}: nothing held", record.value().getClass().getSimpleName(), orderId);
            return;
        }
        OrderReservation reservation = stored == null ? OrderReservation.start(orderId)
                : InventoryRecords.toDomain(stored);
        ReservationEffects effects = action.apply(reservation);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        store.put(orderId, InventoryRecords.toRecord(reservation, now));
        for (StockInstruction instruction : effects.instructions()) {
            context.forward(record.withKey(instruction.productId())
                    .withValue((SpecificRecord) InventoryRecords.toRecord(instruction))
                    .withHeaders(InventoryRecords.commandHeaders(record.headers(), instruction)));
        }
        effects.check().ifPresent(check -> {
            log.debug("Inventory check of order {}: {}", orderId, check.passed() ? "passed"
                    : "failed, shortages " + check.shortages() + ", unknown " + check.unknownProducts());
            context.forward(record.withKey(orderId).withValue(InventoryRecords.toRecord(check, now)));
        });
    }

    private void purge(long now) {
        long cutoff = now - config.reservationRetention().toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, com.eventshop.inventory.streams.internal.OrderReservation> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, com.eventshop.inventory.streams.internal.OrderReservation> entry = all.next();
                if (entry.value.getUpdatedAt().toEpochMilli() < cutoff
                        && !InventoryRecords.toDomain(entry.value).holdsStock()) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(store::delete);
        if (!expired.isEmpty()) {
            log.info("Purged {} finished reservations older than {}", expired.size(),
                    Duration.ofMillis(config.reservationRetention().toMillis()));
        }
    }
}
