package com.eventshop.orders.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Orders this instance wrote lately (orderId → request hash), so a retry that comes before
 * the processor has put the order into the view is still recognised: same body → the same
 * order, another body → 422, and no second OrderRequested. Bounded and short-lived; the view
 * takes over once the order is in it.
 */
public class RecentOrderRequests {

    private final int capacity;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    private record Entry(String requestHash, Instant at) {
    }

    public RecentOrderRequests(int capacity, Duration ttl, Clock clock) {
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
    }

    public synchronized Optional<String> hashOf(String orderId) {
        Entry entry = entries.get(orderId);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.at().plus(ttl).isBefore(clock.instant())) {
            entries.remove(orderId);
            return Optional.empty();
        }
        return Optional.of(entry.requestHash());
    }

    public synchronized void remember(String orderId, String requestHash) {
        entries.put(orderId, new Entry(requestHash, clock.instant()));
        if (entries.size() > capacity) {
            var eldest = entries.entrySet().iterator();
            while (entries.size() > capacity && eldest.hasNext()) {
                eldest.next();
                eldest.remove();
            }
        }
    }

    synchronized Map<String, String> snapshot() {
        Map<String, String> copy = new LinkedHashMap<>();
        entries.forEach((id, e) -> copy.put(id, e.requestHash()));
        return copy;
    }
}
