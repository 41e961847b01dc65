package com.eventshop.orders.streams;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Order;
import com.eventshop.orders.domain.IgnoreReason;
import com.eventshop.orders.domain.IgnoredEventCounter;
import com.eventshop.orders.domain.OrderEvents;
import com.eventshop.orders.domain.OrderStateMachine;
import com.eventshop.orders.domain.Outcome;
import com.eventshop.orders.domain.PendingUpdate;
import com.eventshop.orders.domain.PendingValidation;
import com.eventshop.orders.streams.internal.PendingChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link OrderStateMachine} over every event of an order and keeps what it decides:
 * the order view and the pending validations. A wall-clock punctuator rejects orders whose
 * checks are overdue.
 */
final class OrderProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(OrderProcessor.class);

    private final OrderStateMachine machine;
    private final IgnoredEventCounter ignoredEvents;
    private final Duration punctuateInterval;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Order> views;
    private KeyValueStore<String, PendingChecks> checks;
    private KeyValueStore<String, String> byCustomer;
    /**
     * The deadlines of the pending validations, soonest first: an in-memory index of the
     * {@code order-checks} store, rebuilt from it whenever the task starts, so the punctuator
     * reads only the validations that are due. An entry may outlive its validation (decided, or
     * given a later deadline, which gets an entry of its own): the store has the last word.
     */
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>(Comparator.comparing(Deadline::at));

    private record Deadline(Instant at, String orderId) {
    }

    OrderProcessor(OrdersTopologyConfig config) {
        this.machine = new OrderStateMachine(config.aggregator());
        this.ignoredEvents = config.ignoredEvents();
        this.punctuateInterval = config.punctuateInterval();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.views = context.getStateStore(OrdersTopology.ORDERS_VIEW_STORE);
        this.checks = context.getStateStore(OrdersTopology.ORDER_CHECKS_STORE);
        this.byCustomer = context.getStateStore(OrdersTopology.ORDERS_BY_CUSTOMER_STORE);
        rebuildCustomerIndexIfLost();
        deadlines.clear();
        try (KeyValueIterator<String, PendingChecks> entries = checks.all()) {
            while (entries.hasNext()) {
                KeyValue<String, PendingChecks> entry = entries.next();
                deadlines.add(new Deadline(entry.value.getDeadline(), entry.key));
            }
        }
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::rejectOverdue);
    }

    /**
     * The customer index has no changelog of its own: it is derived from the view, which has one.
     * When a task starts on an empty index (a new instance, or state wiped after a crash) but a
     * restored view, the index is built again from the view.
     */
    private void rebuildCustomerIndexIfLost() {
        try (KeyValueIterator<String, String> any = byCustomer.all()) {
            if (any.hasNext()) {
                return;
            }
        }
        long rebuilt = 0;
        try (KeyValueIterator<String, Order> all = views.all()) {
            while (all.hasNext()) {
                KeyValue<String, Order> entry = all.next();
                byCustomer.put(OrdersTopology.customerIndexKey(entry.value.getCustomerId(),
                        entry.value.getCreatedAt(), entry.key), entry.key);
                rebuilt++;
            }
        }
        if (rebuilt > 0) {
            log.info("Rebuilt the customer index of task {} from {} orders of the view", context.taskId(), rebuilt);
        }
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord event = record.value();
        String orderId = OrderEvents.orderIdOf(event);
        if (orderId == null) {
            ignore(IgnoreReason.UNSUPPORTED_EVENT, record.key(),
                    event == null ? "null value" : event.getClass().getSimpleName());
            return;
        }
        if (!orderId.equals(record.key())) {
            ignore(IgnoreReason.KEY_MISMATCH, record.key(), "value is for order " + orderId);
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Order current = views.get(orderId);
        PendingValidation pending = PendingChecksMapper.fromRecord(checks.get(orderId));
        Outcome outcome = machine.apply(current, pending, event, now);
        apply(orderId, current, pending, outcome, record, event.getClass().getSimpleName());
    }

    /**
     * Punctuator: rejects every order whose validation deadline has passed. It takes the due
     * deadlines off the in-memory index rather than reading (and decoding) every pending
     * validation each time: under a burst thousands are pending, and scanning them all every
     * second was the orders service's largest single cost.
     */
    private void rejectOverdue(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        Map<String, PendingValidation> due = new LinkedHashMap<>();
        while (!deadlines.isEmpty() && !deadlines.peek().at().isAfter(now)) {
            String orderId = deadlines.poll().orderId();
            PendingValidation pending = PendingChecksMapper.fromRecord(checks.get(orderId));
            if (pending != null && !pending.deadline().isAfter(now)) {
                due.put(orderId, pending);
            }
        }
        due.forEach((orderId, pending) -> {
            Order current = views.get(orderId);
            Outcome outcome = machine.onValidationTimeout(current, pending, now);
            apply(orderId, current, pending, outcome, new Record<>(orderId, null, timestamp), "validation timeout");
        });
    }

    private void apply(String orderId, Order current, PendingValidation pending, Outcome outcome,
            Record<String, ?> cause, String what) {
        updatePending(orderId, pending, outcome.pending());
        if (outcome instanceof Outcome.Ignored ignored) {
            ignore(ignored.reason(), orderId, what + ": " + ignored.detail());
            return;
        }
        Outcome.Applied applied = (Outcome.Applied) outcome;
        Order view = applied.view();
        // Stamped when decided: a decision follows every event it was made from (the checks arrive
        // with their own writers' times), so a timeline or a re-read sorted by time keeps cause before effect.
        long decidedAt = Math.max(cause.timestamp(), context.currentSystemTimeMs());
        if (view != null) {
            views.put(orderId, view);
            if (current == null) {
                byCustomer.put(OrdersTopology.customerIndexKey(view.getCustomerId(),
                        view.getCreatedAt(), orderId), orderId);
            }
            for (Order version : applied.views()) {
                context.forward(cause.withKey(orderId).withValue(version).withTimestamp(decidedAt),
                        OrdersTopology.VIEW_SINK);
            }
            log.debug("Order {} is {} (version {}) after {}", orderId, view.getState(),
                    view.getVersion(), what);
        }
        for (SpecificRecord event : applied.events()) {
            context.forward(cause.withKey(orderId).withValue(event).withTimestamp(decidedAt), sinkFor(event));
        }
    }

    private void updatePending(String orderId, PendingValidation before, PendingUpdate update) {
        if (update instanceof PendingUpdate.Save save) {
            checks.put(orderId, PendingChecksMapper.toRecord(save.pending()));
            Instant deadline = save.pending().deadline();
            if (before == null || !deadline.equals(before.deadline())) {
                deadlines.add(new Deadline(deadline, orderId));
            }
        } else if (update instanceof PendingUpdate.Clear && before != null) {
            checks.delete(orderId);
        }
    }

    private void ignore(IgnoreReason reason, String orderId, String detail) {
        ignoredEvents.ignored(reason);
        log.debug("Ignored event for order {}: {} ({})", orderId, reason, detail);
    }

    private static String sinkFor(SpecificRecord event) {
        if (Topics.ORDER_VALIDATED.valueTypes().contains(event.getClass())) {
            return OrdersTopology.VALIDATED_SINK;
        }
        if (Topics.ORDER_CONFIRMED.valueTypes().contains(event.getClass())) {
            return OrdersTopology.CONFIRMED_SINK;
        }
        throw new IllegalStateException("No output topic for " + event.getClass().getName());
    }

    /** Creates one processor per task, with its three stores. */
    static final class Supplier implements ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> {

        private final OrdersTopologyConfig config;

        Supplier(OrdersTopologyConfig config) {
            this.config = config;
        }

        @Override
        public Processor<String, SpecificRecord, String, SpecificRecord> get() {
            return new OrderProcessor(config);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            // The view and the customer index hold every order: RocksDB. Pending validations hold
            // only undecided orders: small, in memory (still changelogged).
            // No record cache: a pending validation is written and deleted in different commits
            // (its checks arrive hops apart), so caches saved no changelog records here (measured).
            return Set.of(
                    Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(OrdersTopology.ORDERS_VIEW_STORE),
                            Serdes.String(), ContractSerde.of(Order.class)),
                    Stores.keyValueStoreBuilder(
                            Stores.inMemoryKeyValueStore(OrdersTopology.ORDER_CHECKS_STORE),
                            Serdes.String(), ContractSerde.of(PendingChecks.class)),
                    // Derived from the view, so without a changelog: one record less per order.
                    Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(OrdersTopology.ORDERS_BY_CUSTOMER_STORE),
                            Serdes.String(), Serdes.String()).withLoggingDisabled());
        }
    }
}
