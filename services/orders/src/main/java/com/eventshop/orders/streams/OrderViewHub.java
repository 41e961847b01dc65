package com.eventshop.orders.streams;

import com.eventshop.contracts.tables.Order;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who wants to hear about changes of which order (long-poll waiters, live streams), and the
 * delivery of each change to them. Entries disappear with their last subscriber.
 */
public final class OrderViewHub {

    private static final Logger log = LoggerFactory.getLogger(OrderViewHub.class);

    private final Map<String, Set<Consumer<Order>>> listeners = new ConcurrentHashMap<>();

    /** A subscription; closing it twice is harmless. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    public Subscription subscribe(String orderId, Consumer<Order> listener) {
        listeners.compute(orderId, (id, set) -> {
            Set<Consumer<Order>> target = set != null ? set : ConcurrentHashMap.newKeySet();
            target.add(listener);
            return target;
        });
        return () -> listeners.computeIfPresent(orderId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** Hands a new version of an order to everyone listening to it. */
    public void publish(Order order) {
        Set<Consumer<Order>> targets = listeners.get(order.getOrderId());
        if (targets == null) {
            return;
        }
        for (Consumer<Order> listener : targets) {
            try {
                listener.accept(order);
            } catch (RuntimeException e) {
                log.warn("A listener of order {} failed", order.getOrderId(), e);
            }
        }
    }

    /** Listeners over all orders (0 when no one waits). */
    public int subscriberCount() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }

    /** Orders someone listens to. */
    public int orderCount() {
        return listeners.size();
    }
}
