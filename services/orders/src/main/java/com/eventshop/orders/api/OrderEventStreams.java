package com.eventshop.orders.api;

import com.eventshop.orders.streams.OrderViewHub;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live order updates as Server-Sent Events ({@code GET /api/orders/{id}/events}): the current
 * state first, then one {@code order} event per change of the view (state and version; the
 * event id is the version). Versions only go up: a late, older version is not sent. Each
 * stream sends in order from a shared pool, so a slow client delays only itself.
 */
public class OrderEventStreams {

    public static final String EVENT_NAME = "order";

    private final OrderViewHub hub;
    private final ScheduledExecutorService scheduler;
    private final Executor senders;
    private final Duration timeout;
    private final Duration heartbeat;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();

    public OrderEventStreams(OrderViewHub hub, ScheduledExecutorService scheduler, Executor senders,
            Duration timeout, Duration heartbeat) {
        this.hub = hub;
        this.scheduler = scheduler;
        this.senders = senders;
        this.timeout = timeout;
        this.heartbeat = heartbeat;
    }

    public int openCount() {
        return open.size();
    }

    /**
     * Opens a stream. The listener is in place before the current state is looked up; an
     * order that does not exist (or a failed lookup) ends it before anything is sent.
     */
    public SseEmitter open(String orderId, Supplier<Optional<OrderView>> current) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Stream stream = new Stream(emitter);
        open.add(stream);
        stream.subscription = hub.subscribe(orderId, order -> stream.offer(OrderView.of(order)));
        Optional<OrderView> now;
        try {
            now = current.get();
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        if (now.isEmpty()) {
            stream.close();
            throw com.eventshop.platform.web.ProblemException.notFound("No order " + orderId)
                    .with("orderId", orderId);
        }
        emitter.onCompletion(stream::close);
        emitter.onTimeout(() -> {
            stream.close();
            emitter.complete();
        });
        emitter.onError(error -> stream.close());
        stream.offer(now.get());
        stream.heartbeatTask = scheduler.scheduleAtFixedRate(stream::heartbeat,
                heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        return emitter;
    }

    private final class Stream {
        private final SseEmitter emitter;
        private final Queue<OrderView> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile OrderViewHub.Subscription subscription;
        private volatile ScheduledFuture<?> heartbeatTask;
        private volatile boolean closed;
        private long lastVersion = -1;

        Stream(SseEmitter emitter) {
            this.emitter = emitter;
        }

        void offer(OrderView view) {
            pending.add(view);
            schedule();
        }

        private void schedule() {
            if (!closed && draining.compareAndSet(false, true)) {
                senders.execute(this::drain);
            }
        }

        private void drain() {
            try {
                OrderView view;
                while (!closed && (view = pending.poll()) != null) {
                    send(view);
                }
            } finally {
                draining.set(false);
                if (!pending.isEmpty()) {
                    schedule();
                }
            }
        }

        private synchronized void send(OrderView view) {
            if (closed || view.version() <= lastVersion) {
                return;
            }
            lastVersion = view.version();
            try {
                emitter.send(SseEmitter.event().name(EVENT_NAME).id(Long.toString(view.version()))
                        .data(view, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                close();
                emitter.completeWithError(e);
            }
        }

        synchronized void heartbeat() {
            if (closed) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                close();
                emitter.completeWithError(e);
            }
        }

        void close() {
            closed = true;
            OrderViewHub.Subscription s = subscription;
            if (s != null) {
                s.close();
            }
            ScheduledFuture<?> h = heartbeatTask;
            if (h != null) {
                h.cancel(false);
            }
            pending.clear();
            open.remove(this);
        }
    }
}
