package com.eventshop.inventory.streams;

import com.eventshop.contracts.commands.StockAdjusted;
import com.eventshop.contracts.tables.Stock;
import com.eventshop.inventory.domain.StockBook;
import com.eventshop.inventory.domain.StockInstruction;
import com.eventshop.inventory.domain.StockLevel;
import com.eventshop.inventory.streams.internal.StockCommand;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authority on stock, keyed by productId: applies admin adjustments and stock commands to the
 * {@code stock} store, publishes every change as {@link Stock} (keyed by productId) and answers
 * each RESERVE with a line outcome keyed by orderId.
 */
final class StockProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(StockProcessor.class);

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Stock> stock;

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.stock = context.getStateStore(InventoryTopology.STOCK_STORE);
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
        StockLevel level = StockBook.adjust(InventoryRecords.toDomain(stock.get(productId)), productId,
                adjusted.getAvailable());
        publish(record, level);
    }

    private void apply(Record<String, SpecificRecord> record, StockCommand command) {
        StockInstruction instruction = InventoryRecords.toDomain(command);
        if (instruction == null) {
            log.warn("Ignoring stock command with unknown action for order {}", command.getOrderId());
            return;
        }
        StockBook.Applied applied = StockBook.apply(
                InventoryRecords.toDomain(stock.get(instruction.productId())), instruction);
        applied.anomaly().ifPresent(a -> log.error("Stock anomaly: {}", a));
        applied.updated().ifPresent(level -> publish(record, level));
        applied.outcome().ifPresent(outcome -> context.forward(
                record.withKey(outcome.orderId()).withValue(InventoryRecords.toRecord(outcome))));
    }

    private void publish(Record<String, SpecificRecord> record, StockLevel level) {
        Stock updated = InventoryRecords.toRecord(level, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        stock.put(level.productId(), updated);
        context.forward(record.withKey(level.productId()).withValue(updated));
    }
}
