package com.eventshop.orders.api;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Orders this instance wrote lately or is writing now (orderId → request hash and the write), so a
 * retry that comes before the processor has put the order into the view is still recognised: same
 * body → the same order, another body → 422, and no second OrderRequested. Placing an order first
 * {@link #claim claims} its id here, atomically, instead of holding a lock while the broker
 * acknowledges: a concurrent duplicate sees the claim and answers when the first write completes.
 * Bounded and short-lived; the view takes over once the order is in it.
 */
public class RecentOrderRequests {

    private final int capacity;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    private record Entry(String requestHash, Instant at, CompletableFuture<Void> written) {
    }

    /**
     * The outcome of a claim.
     *
     * @param mine        this request claimed the order id and must write the order (then {@link #written}
     *                    or {@link #failed})
     * @param requestHash the hash of the request that holds the claim
     * @param written     completes when that request's OrderRequested is acknowledged, fails if it was not
     */
    public record Claim(boolean mine, String requestHash, CompletableFuture<Void> written) {
    }

    public RecentOrderRequests(int capacity, Duration ttl, Clock clock) {
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
    }

    public synchronized Optional<String> hashOf(String orderId) {
        return current(orderId).map(Entry::requestHash);
    }

    /** Claims the order id for this request, unless another request holds it. */
    public synchronized Claim claim(String orderId, String requestHash) {
        Optional<Entry> held = current(orderId);
        if (held.isPresent()) {
            return new Claim(false, held.get().requestHash(), held.get().written());
        }
        Entry entry = new Entry(requestHash, clock.instant(), new CompletableFuture<>());
        put(orderId, entry);
        return new Claim(true, requestHash, entry.written());
    }

    /** The claimed order was written: duplicates waiting on it answer now. */
    public void written(String orderId, Claim claim) {
        claim.written().complete(null);
    }

    /** The order was in the view already: nothing was written, and the view answers from now on. */
    public synchronized void released(String orderId, Claim claim) {
        Entry entry = entries.get(orderId);
        if (entry != null && entry.written() == claim.written()) {
            entries.remove(orderId);
        }
        claim.written().complete(null);
    }

    /** The claimed order was not written (refused, or the broker did not acknowledge): a retry may claim it again. */
    public synchronized void failed(String orderId, Claim claim, Throwable why) {
        Entry entry = entries.get(orderId);
        if (entry != null && entry.written() == claim.written()) {
            entries.remove(orderId);
        }
        claim.written().completeExceptionally(why);
    }

    public synchronized void remember(String orderId, String requestHash) {
        put(orderId, new Entry(requestHash, clock.instant(), CompletableFuture.completedFuture(null)));
    }

    private Optional<Entry> current(String orderId) {
        Entry entry = entries.get(orderId);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.at().plus(ttl).isBefore(clock.instant()) && entry.written().isDone()) {
            entries.remove(orderId);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    private void put(String orderId, Entry entry) {
        entries.put(orderId, entry);
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
