package com.eventshop.notifications.streams;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.events.NotificationSent;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.tables.Customer;
import com.eventshop.notifications.domain.Backoff;
import com.eventshop.notifications.domain.Email;
import com.eventshop.notifications.domain.EmailKind;
import com.eventshop.notifications.domain.NotificationPlanner;
import com.eventshop.notifications.domain.PlannedEmail;
import com.eventshop.notifications.streams.internal.OrderContact;
import com.eventshop.notifications.streams.internal.PendingEmail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues one email per (order, kind) in the outbox, and sends the outbox in order on a
 * wall-clock schedule, backing off while the mail server is unreachable.
 */
final class NotificationProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(NotificationProcessor.class);
    static final String QUEUED = "queued";
    static final String SENT = "sent";
    static final String SKIPPED = "skipped";

    private final NotificationsTopology.Config config;
    private final Backoff backoff;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, OrderContact> contacts;
    private KeyValueStore<String, PendingEmail> outbox;
    private KeyValueStore<String, String> marks;
    private ReadOnlyKeyValueStore<String, Object> customers;

    NotificationProcessor(NotificationsTopology.Config config) {
        this.config = config;
        this.backoff = new Backoff(config.backoff(), config.maxBackoff());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.contacts = context.getStateStore(NotificationsTopology.CONTACTS_STORE);
        this.outbox = context.getStateStore(NotificationsTopology.OUTBOX_STORE);
        this.marks = context.getStateStore(NotificationsTopology.MARKS_STORE);
        this.customers = context.getStateStore(NotificationsTopology.CUSTOMERS_STORE);
        context.schedule(config.sendInterval(), PunctuationType.WALL_CLOCK_TIME, this::sendOutbox);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        rememberContact(record.value());
        Optional<PlannedEmail> planned = NotificationPlanner.plan(record.value());
        if (planned.isEmpty()) {
            return;
        }
        PlannedEmail email = planned.get();
        String id = email.notificationId();
        if (marks.get(id) != null) {
            log.debug("Notification {} already {}", id, marks.get(id));
            return; // a repeated event, or the same step reported twice: one email only
        }
        String customerId = email.customerId();
        if (customerId == null) {
            OrderContact contact = contacts.get(email.orderId());
            customerId = contact == null ? null : contact.getCustomerId();
        }
        if (customerId == null) {
            log.warn("No customer known for order {}; notification {} skipped", email.orderId(), id);
            marks.put(id, SKIPPED);
            return;
        }
        String source = context.recordMetadata().map(m -> m.topic()).orElse("");
        outbox.put(outboxKey(record.timestamp(), id), PendingEmail.newBuilder().setNotificationId(id)
                .setOrderId(email.orderId()).setCustomerId(customerId).setKind(email.kind().name())
                .setSourceTopic(source).setFacts(new java.util.HashMap<>(email.facts()))
                .setQueuedAt(Instant.ofEpochMilli(context.currentSystemTimeMs())).setAttempts(0).build());
        marks.put(id, QUEUED);
    }

    private void rememberContact(SpecificRecord event) {
        if (event instanceof OrderRequested r && contacts.get(r.getOrderId()) == null) {
            contacts.put(r.getOrderId(), new OrderContact(r.getCustomerId(), shipTo(r.getShippingAddress())));
        } else if (event instanceof OrderConfirmed c && contacts.get(c.getOrderId()) == null) {
            contacts.put(c.getOrderId(), new OrderContact(c.getCustomerId(), shipTo(c.getShippingAddress())));
        }
    }

    /** Sends due outbox emails in key order; stops at the first failure (order is kept) and backs off. */
    private void sendOutbox(long wallClock) {
        Instant now = Instant.ofEpochMilli(wallClock);
        if (!backoff.ready(now)) {
            return;
        }
        List<KeyValue<String, PendingEmail>> batch = new ArrayList<>();
        try (KeyValueIterator<String, PendingEmail> all = outbox.all()) {
            while (all.hasNext() && batch.size() < 100) {
                batch.add(all.next());
            }
        }
        long deadline = System.nanoTime() + config.batchBudget().toNanos();
        for (KeyValue<String, PendingEmail> entry : batch) {
            if (System.nanoTime() > deadline) {
                return; // the rest in the next punctuation, inside a fresh transaction
            }
            PendingEmail pending = entry.value;
            EmailKind kind = EmailKind.valueOf(pending.getKind());
            if (waitsForPredecessor(pending, kind, now)) {
                continue; // its earlier step is not sent yet; later emails of other orders go on
            }
            Customer customer = customer(pending.getCustomerId());
            if (customer == null) {
                log.warn("Customer {} is not in the customers table; notification {} skipped",
                        pending.getCustomerId(), pending.getNotificationId());
                outbox.delete(entry.key);
                marks.put(pending.getNotificationId(), SKIPPED);
                continue;
            }
            Email email = config.renderer().render(pending.getNotificationId(), kind, pending.getOrderId(),
                    customer.getEmail(), customer.getName(), pending.getFacts());
            int attempts = pending.getAttempts() + 1;
            try {
                config.postman().deliver(email);
            } catch (Exception e) {
                Duration wait = backoff.failed(Instant.now());
                log.warn("SMTP refused or unreachable for notification {} (attempt {}): {}; next try in {}",
                        pending.getNotificationId(), attempts, e.toString(), wait);
                pending.setAttempts(attempts);
                outbox.put(entry.key, pending);
                return;
            }
            backoff.succeeded();
            // From here to the commit of this punctuation's transaction is the only window in which
            // a crash sends the email again (same Message-ID): see docs/notifications.md.
            outbox.delete(entry.key);
            marks.put(pending.getNotificationId(), SENT);
            context.forward(new Record<>(pending.getOrderId(), NotificationSent.newBuilder()
                    .setNotificationId(pending.getNotificationId()).setOrderId(pending.getOrderId())
                    .setCustomerId(pending.getCustomerId()).setKind(kind.name()).setRecipient(email.to())
                    .setSubject(email.subject()).setMessageId(email.messageId())
                    .setSourceTopic(pending.getSourceTopic()).setAttempts(attempts)
                    .setSentAt(Instant.ofEpochMilli(context.currentSystemTimeMs())).build(), wallClock));
        }
    }

    /** An email waits (up to maxHold) until the email of the order's earlier step, if any is queued or coming, is sent. */
    private boolean waitsForPredecessor(PendingEmail pending, EmailKind kind, Instant now) {
        EmailKind before = kind.predecessor();
        if (before == null) {
            return false;
        }
        String mark = marks.get(before.notificationId(pending.getOrderId()));
        if (SENT.equals(mark) || SKIPPED.equals(mark)) {
            return false;
        }
        return pending.getQueuedAt().plus(config.maxHold()).isAfter(now);
    }

    private Customer customer(String customerId) {
        Object value = customers.get(customerId);
        if (value instanceof ValueAndTimestamp<?> timestamped) {
            value = timestamped.value();
        }
        return (Customer) value;
    }

    private static String shipTo(Address address) {
        return address == null ? "" : address.getName() + ", " + address.getCity();
    }

    static String outboxKey(long timestamp, String notificationId) {
        return String.format("%019d", Math.max(0, timestamp)) + "|" + notificationId;
    }
}
