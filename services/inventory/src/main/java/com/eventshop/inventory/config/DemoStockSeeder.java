package com.eventshop.inventory.config;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.commands.StockAdjusted;
import com.eventshop.inventory.domain.DemoStock;
import com.eventshop.inventory.streams.InventoryTopology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes the demo stock ({@code demo/stock.csv}) as StockAdjusted commands when the service is
 * ready and {@code eventshop.inventory.seed-demo-stock=true}. Their adjustment ids start with
 * {@code seed-}, which the stock processor applies only to products it has no stock for, so
 * seeding on every start is harmless and never overwrites real stock.
 */
@Component
@ConditionalOnProperty(name = "eventshop.inventory.seed-demo-stock", havingValue = "true")
public class DemoStockSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoStockSeeder.class);

    private final KafkaTemplate<String, SpecificRecord> kafka;

    public DemoStockSeeder(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        List<DemoStock.Entry> entries = DemoStock.load();
        List<CompletableFuture<SendResult<String, SpecificRecord>>> sent = new ArrayList<>();
        Instant now = Instant.now();
        for (DemoStock.Entry entry : entries) {
            StockAdjusted seed = StockAdjusted.newBuilder()
                    .setAdjustmentId(InventoryTopology.SEED_PREFIX + entry.productId())
                    .setProductId(entry.productId()).setAvailable(entry.available()).setAdjustedAt(now).build();
            sent.add(kafka.send(Topics.INVENTORY_ADJUSTMENTS.name(), entry.productId(), seed));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            log.info("Demo stock published for {} products (applied only where inventory has no stock)",
                    entries.size());
        } catch (Exception e) {
            log.error("Could not publish the demo stock: {}", e.toString());
        }
    }
}
