package com.eventshop.orders.domain;

import com.eventshop.contracts.tables.Order;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/** What the state machine made of one event. */
public sealed interface Outcome {

    /** What becomes of the order's pending validation. */
    PendingUpdate pending();

    static Outcome ignored(IgnoreReason reason, String detail) {
        return new Ignored(reason, detail, PendingUpdate.KEEP);
    }

    static Outcome applied(List<Order> views, List<SpecificRecord> events, PendingUpdate pending) {
        return new Applied(views, events, pending);
    }

    /**
     * The event was taken into account.
     *
     * @param views   every new version of the order view, in order (each one is published; the
     *                last is the order as it now stands); empty when the view did not change
     * @param events  events to publish (OrderValidated, OrderRejected, OrderConfirmed, OrderCancelled)
     * @param pending what happens to the pending validation
     */
    record Applied(List<Order> views, List<SpecificRecord> events, PendingUpdate pending)
            implements Outcome {

        public Applied {
            views = List.copyOf(views);
            events = List.copyOf(events);
            Objects.requireNonNull(pending, "pending");
        }

        /** The order as it now stands, or null if the view did not change. */
        public Order view() {
            return views.isEmpty() ? null : views.get(views.size() - 1);
        }
    }

    /**
     * The event changed nothing in the order (duplicate, out of order, not allowed); it is
     * counted under {@code reason}. Stale validation state may still be cleaned up.
     */
    record Ignored(IgnoreReason reason, String detail, PendingUpdate pending) implements Outcome {

        public Ignored {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(pending, "pending");
        }
    }
}
