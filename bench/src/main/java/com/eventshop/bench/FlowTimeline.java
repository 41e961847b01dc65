package com.eventshop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a burst spends its time, stage by stage: samples the end offset of every topic at a fixed
 * interval while a phase runs, then prints the records each flow topic gained per interval. A
 * stage that stalls shows as a row of zeros in its column while the one before it keeps growing.
 */
final class FlowTimeline implements AutoCloseable {

    /** The flow's topics in the order an order passes through them, with a short column name. */
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("order.requested", "requested");
        COLUMNS.put("eventshop-inventory-stock-commands-repartition", "stock-cmd");
        COLUMNS.put("eventshop-fraud-orders-by-customer-repartition", "fraud-rekey");
        COLUMNS.put("inventory.checks", "inv.checks");
        COLUMNS.put("fraud.checks", "fraud.checks");
        COLUMNS.put("order.validated", "validated");
        COLUMNS.put("payment.processed", "paid");
        COLUMNS.put("order.confirmed", "confirmed");
        COLUMNS.put("orders", "orders");
    }

    private final Admin admin;
    private final long intervalMillis;
    private final List<Map<String, Long>> samples = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    FlowTimeline(String bootstrapServers, long intervalMillis) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.intervalMillis = intervalMillis;
        this.sampler = new Thread(this::sample, "flow-timeline");
        this.sampler.setDaemon(true);
    }

    FlowTimeline start() {
        sampler.start();
        return this;
    }

    private void sample() {
        try {
            Map<TopicPartition, OffsetSpec> request = OrderFlowBench.latestOffsetsRequest(admin, COLUMNS.keySet());
            long next = System.nanoTime();
            while (running) {
                Map<String, Long> byTopic = OrderFlowBench.endOffsets(admin, request);
                synchronized (samples) {
                    samples.add(byTopic);
                }
                next += TimeUnit.MILLISECONDS.toNanos(intervalMillis);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.out.println("  timeline stopped: " + e);
        }
    }

    /** Records (and transaction markers) each flow topic gained per interval, one row per interval; after {@link #close}. */
    String describe() {
        List<Map<String, Long>> rows;
        synchronized (samples) {
            rows = new ArrayList<>(samples);
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  timeline: offsets gained per %d ms%n    %6s", intervalMillis, "s"));
        COLUMNS.values().forEach(column -> out.append(String.format(Locale.ROOT, " %12s", column)));
        out.append('\n');
        for (int i = 1; i < rows.size(); i++) {
            out.append(String.format(Locale.ROOT, "    %6.1f", i * intervalMillis / 1000.0));
            for (String topic : COLUMNS.keySet()) {
                long gained = rows.get(i).getOrDefault(topic, 0L) - rows.get(i - 1).getOrDefault(topic, 0L);
                out.append(String.format(Locale.ROOT, " %12d", gained));
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(5_000);
        admin.close();
    }
}
