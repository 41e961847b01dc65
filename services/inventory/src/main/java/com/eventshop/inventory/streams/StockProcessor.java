package com.eventshop.inventory.streams;

import com.eventshop.contracts.commands.StockAdjusted;
import com.eventshop.contracts.tables.Stock;
import com.eventshop.inventory.domain.StockBook;
import com.eventshop.inventory.domain.StockInstruction;
import com.eventshop.inventory.domain.StockLevel;
import com.eventshop.inventory.streams.internal.StockCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * The authority on stock, keyed by productId: applies admin adjustments and stock commands to the
 * {@code stock} store, publishes the changes as {@link Stock} (keyed by productId) and answers
 * each RESERVE with a line outcome keyed by orderId. A RESERVE marked {@link InventoryRecords#ANSWERS_ORDER_HEADER} (the
 * order's only product) is also answered with the order's InventoryChecked, keyed by orderId.
 *
 * <p>Changes are published coalesced: a wall-clock punctuator (every
 * {@link InventoryTopologyConfig#stockPublishInterval()}) writes the latest Stock of each product
 * changed since its last run. A product reserved a thousand times a second costs one record per
 * interval instead of one per reservation; readers of the compacted topic only want the latest.
 * The set of changed products lives in memory: if a task stops after a commit and before the next
 * publish, its successor republishes every product it owns on start (see {@link #init}).
 *
 * <p>An adjustment is applied once per (productId, adjustmentId) within
 * {@link InventoryTopologyConfig#adjustmentDedupRetention()} (the API uses the request's
 * Idempotency-Key as adjustmentId, so a retried PUT does not set the stock again after orders
 * reserved some of it). An adjustment whose id starts with {@link InventoryTopology#SEED_PREFIX} only applies to
 * a product inventory does not know yet (demo seeding never overwrites real stock).
 */
final class StockProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(StockProcessor.class);

    private final InventoryTopologyConfig config;
    private final boolean adjusts;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Stock> stock;
    private KeyValueStore<String, Long> appliedAdjustments;
    /** Products whose Stock changed since the last publish. */
    private final Set<String> changed = new LinkedHashSet<>();

    /** @param adjusts whether this instance reads adjustments (and owns the dedup store) */
    StockProcessor(InventoryTopologyConfig config, boolean adjusts) {
        this.config = config;
        this.adjusts = adjusts;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.stock = context.getStateStore(InventoryTopology.STOCK_STORE);
        if (adjusts) {
            this.appliedAdjustments = context.getStateStore(InventoryTopology.APPLIED_ADJUSTMENTS_STORE);
            context.schedule(config.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, this::purgeAdjustments);
            // Stores are restored before init: a change the previous owner committed but had not
            // published yet is published now. One of the two stock keepers of a task is enough.
            try (KeyValueIterator<String, Stock> all = stock.all()) {
                all.forEachRemaining(entry -> changed.add(entry.key));
            }
        }
        context.schedule(config.stockPublishInterval(), PunctuationType.WALL_CLOCK_TIME, this::publishChanged);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof StockAdjusted adjusted) {
            adjust(record, adjusted);
        } else if (record.value() instanceof StockCommand command) {
            apply(record, command);
        }
    }

    private void adjust(Record<String, SpecificRecord> record, StockAdjusted adjusted) {
        String productId = adjusted.getProductId();
        if (!productId.equals(record.key())) {
            log.warn("StockAdjusted {} for {} arrived with key {}", adjusted.getAdjustmentId(), productId, record.key());
        }
        if (adjusted.getAvailable() < 0) {
            log.warn("Ignoring StockAdjusted {} with negative available {} for {}",
                    adjusted.getAdjustmentId(), adjusted.getAvailable(), productId);
            return;
        }
        if (appliedAdjustments == null) {
            log.warn("StockAdjusted {} reached a processor that does not apply adjustments", adjusted.getAdjustmentId());
            return;
        }
        String dedupKey = productId + "|" + adjusted.getAdjustmentId();
        if (appliedAdjustments.get(dedupKey) != null) {
            log.info("StockAdjusted {} for {} was applied before; ignored", adjusted.getAdjustmentId(), productId);
            return;
        }
        appliedAdjustments.put(dedupKey, context.currentSystemTimeMs());
        Stock current = stock.get(productId);
        if (current != null && adjusted.getAdjustmentId().startsWith(InventoryTopology.SEED_PREFIX)) {
            log.debug("Seed for {} ignored: inventory knows the product already", productId);
            return;
        }
        StockLevel level = StockBook.adjust(InventoryRecords.toDomain(current), productId, adjusted.getAvailable());
        log.info("Stock of {} set to {} available by {}", productId, adjusted.getAvailable(), adjusted.getAdjustmentId());
        publish(level);
    }

    private void purgeAdjustments(long now) {
        long cutoff = now - config.adjustmentDedupRetention().toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = appliedAdjustments.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.value < cutoff) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(appliedAdjustments::delete);
    }

    private void apply(Record<String, SpecificRecord> record, StockCommand command) {
        StockInstruction instruction = InventoryRecords.toDomain(command, record.headers());
        if (instruction == null) {
            log.warn("Ignoring stock command with unknown action for order {}", command.getOrderId());
            return;
        }
        StockBook.Applied applied = StockBook.apply(
                InventoryRecords.toDomain(stock.get(instruction.productId())), instruction);
        applied.anomaly().ifPresent(a -> log.error("Stock anomaly: {}", a));
        applied.updated().ifPresent(level -> publish(level));
        applied.outcome().ifPresent(outcome -> {
            Record<String, SpecificRecord> answer = record.withKey(outcome.orderId())
                    .withHeaders(InventoryRecords.withoutMarker(record.headers()));
            if (instruction.answersOrder()) {
                // The order's only product: its verdict goes out from here, in this transaction.
                context.forward(answer.withValue(InventoryRecords.toRecord(
                        outcome.asCheck(), Instant.ofEpochMilli(context.currentSystemTimeMs()))));
            }
            // The order side records every outcome (to release or sell the line later).
            context.forward(answer.withValue(InventoryRecords.toRecord(outcome)));
        });
    }

    private void publish(StockLevel level) {
        Stock updated = InventoryRecords.toRecord(level, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        stock.put(level.productId(), updated);
        changed.add(level.productId());
    }

    /** Punctuator: the latest Stock of every product changed since the last run, once each. */
    private void publishChanged(long timestamp) {
        for (String productId : changed) {
            Stock latest = stock.get(productId);
            if (latest != null) {
                context.forward(new Record<>(productId, latest, timestamp));
            }
        }
        changed.clear();
    }
}
