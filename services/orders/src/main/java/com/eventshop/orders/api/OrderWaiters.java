package com.eventshop.orders.api;

import com.eventshop.contracts.OrderState;
import com.eventshop.orders.domain.OrderLifecycle;
import com.eventshop.orders.streams.OrderViewHub;
import com.eventshop.platform.web.ProblemException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Long-polls: {@code GET /api/orders/{id}?waitFor=STATE&timeout=10s}. A waiter holds no
 * thread: it is a {@link DeferredResult} listening to the order's changes through the
 * {@link OrderViewHub}, answered as soon as the order reaches the state, a later one or a
 * terminal one, or with the latest known state and {@code waitTimedOut: true} when time is up.
 * Every way a waiter ends (answered, timed out, client gone, error) removes it.
 */
public class OrderWaiters {

    public static final String TIMED_OUT_HEADER = "X-Wait-Timed-Out";

    private final OrderViewHub hub;
    private final ScheduledExecutorService timer;
    private final Set<Waiter> active = ConcurrentHashMap.newKeySet();

    public OrderWaiters(OrderViewHub hub, ScheduledExecutorService timer) {
        this.hub = hub;
        this.timer = timer;
    }

    /** Waiters not yet answered (0 when idle: none leak). */
    public int activeCount() {
        return active.size();
    }

    /**
     * Starts waiting. The listener is in place before the current state is looked up, so no
     * change in between is missed.
     *
     * @param current looks up the order as it stands (may throw: the waiter is then removed)
     */
    public DeferredResult<ResponseEntity<OrderView>> await(String orderId, OrderState wanted, Duration timeout,
            Supplier<Optional<OrderView>> current) {
        // The container's own async timeout is only a backstop; the timer answers first.
        DeferredResult<ResponseEntity<OrderView>> result = new DeferredResult<>(timeout.toMillis() + 5_000);
        Waiter waiter = new Waiter(orderId, wanted, result);
        active.add(waiter);
        waiter.subscription = hub.subscribe(orderId, order -> waiter.offer(OrderView.of(order)));
        result.onTimeout(waiter::timeUp);
        result.onError(error -> waiter.end());
        result.onCompletion(waiter::end);
        try {
            current.get().ifPresent(waiter::offer);
        } catch (RuntimeException e) {
            waiter.end();
            throw e;
        }
        waiter.schedule(timeout);
        return result;
    }

    private final class Waiter {
        private final String orderId;
        private final OrderState wanted;
        private final DeferredResult<ResponseEntity<OrderView>> result;
        private volatile OrderViewHub.Subscription subscription;
        private ScheduledFuture<?> deadline;
        private OrderView latest;
        private boolean done;

        Waiter(String orderId, OrderState wanted, DeferredResult<ResponseEntity<OrderView>> result) {
            this.orderId = orderId;
            this.wanted = wanted;
            this.result = result;
        }

        synchronized void schedule(Duration timeout) {
            if (!done) {
                deadline = timer.schedule(this::timeUp, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        void offer(OrderView view) {
            synchronized (this) {
                if (done || (latest != null && view.version() <= latest.version())) {
                    return;
                }
                latest = view;
                if (!OrderLifecycle.reached(view.state(), wanted)) {
                    return;
                }
            }
            end();
            result.setResult(ResponseEntity.ok().header(TIMED_OUT_HEADER, "false").body(view.withWaitTimedOut(false)));
        }

        void timeUp() {
            OrderView last;
            synchronized (this) {
                if (done) {
                    return;
                }
                last = latest;
            }
            end();
            if (last == null) {
                result.setErrorResult(ProblemException.notFound("No order " + orderId
                        + " appeared within the wait").with("orderId", orderId));
            } else {
                result.setResult(ResponseEntity.ok().header(TIMED_OUT_HEADER, "true").body(last.withWaitTimedOut(true)));
            }
        }

        /** Idempotent: stops listening, cancels the timer, forgets the waiter. */
        void end() {
            ScheduledFuture<?> timerTask;
            synchronized (this) {
                done = true;
                timerTask = deadline;
            }
            if (timerTask != null) {
                timerTask.cancel(false);
            }
            OrderViewHub.Subscription s = subscription;
            if (s != null) {
                s.close();
            }
            active.remove(this);
        }
    }
}
