package com.eventshop.catalog.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link OutboxRelay} on a single thread every poll interval (sooner while there is a
 * backlog). It starts after the application context is ready and stops before the data source
 * closes. Failures are logged and retried: the rows stay in the outbox until Kafka takes them.
 */
public final class OutboxPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxPoller.class);

    private final OutboxRelay relay;
    private final Duration interval;
    private ScheduledExecutorService executor;
    private volatile boolean drainedOnce;
    private volatile boolean running;
    private volatile String lastFailure;
    private boolean autoStartup = true;

    public OutboxPoller(OutboxRelay relay, Duration interval) {
        this.relay = relay;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalog-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        running = true;
        executor.execute(this::tick);
    }

    private void tick() {
        if (!running) {
            return;
        }
        long delay = interval.toMillis();
        try {
            int published = relay.relayBatch();
            if (published == 0) {
                drainedOnce = true;
            } else if (published > 0) {
                delay = 0; // a backlog: keep going
            }
            lastFailure = null;
        } catch (RuntimeException e) {
            if (!running) {
                return;
            }
            lastFailure = e.toString();
            log.warn("Publishing catalog changes failed; retrying in 1 s: {}", e.toString());
            delay = 1000;
        }
        if (running) {
            executor.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the outbox was found empty at least once since start (readiness). */
    public boolean drainedOnce() {
        return drainedOnce;
    }

    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                executor.shutdownNow();
            }
        }
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Late start, early stop: after the seeder and web server, before the data source closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
