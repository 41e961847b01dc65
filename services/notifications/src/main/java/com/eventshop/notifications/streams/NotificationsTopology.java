package com.eventshop.notifications.streams;

import com.eventshop.contracts.Service;
import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Customer;
import com.eventshop.notifications.domain.Postman;
import com.eventshop.notifications.mail.EmailRenderer;
import com.eventshop.notifications.streams.internal.OrderContact;
import com.eventshop.notifications.streams.internal.PendingEmail;
import com.eventshop.platform.kafka.streams.DeadLetters;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Notifications' stream processing:
 *
 * <pre>
 * order.requested, order.validated, payment.processed, ─┐ decode; poison ─▶ dlt.notifications
 * order.confirmed, shipment.events                      ─┴▶ notifier [order-contacts, outbox, notification-marks]
 * customers (GlobalKTable, store customers)  ─ read by the notifier ─┘      │
 *     wall-clock punctuator: outbox ──SMTP──▶ mail server, then ──▶ NotificationSent ──▶ notifications.sent
 * </pre>
 *
 * An event puts an email in the {@code outbox} store and marks its notification id (order and
 * kind) {@code queued} in the same exactly-once transaction that consumes the event. The
 * punctuator hands outbox emails to SMTP in order; after the server's 250 it removes the email,
 * marks it {@code sent} and writes NotificationSent, again in one transaction. See
 * docs/notifications.md for what happens between the 250 and that commit.
 */
public final class NotificationsTopology {

    public static final List<TopicSpec> INPUTS = List.of(Topics.ORDER_REQUESTED, Topics.ORDER_VALIDATED,
            Topics.PAYMENT_PROCESSED, Topics.ORDER_CONFIRMED, Topics.SHIPMENT_EVENTS);

    /** orderId → OrderContact (customer of the order). */
    public static final String CONTACTS_STORE = "order-contacts";
    /** "%019d(event time)|notificationId" → PendingEmail: emails to send, oldest first. */
    public static final String OUTBOX_STORE = "outbox";
    /** notificationId → "queued" | "sent" | "skipped": the sent-markers, so no notification is queued twice. */
    public static final String MARKS_STORE = "notification-marks";
    /** The customers table (GlobalKTable over the compacted customers topic). */
    public static final String CUSTOMERS_STORE = "customers";

    /**
     * @param postman       hands emails to SMTP
     * @param renderer      renders templates
     * @param sendInterval  how often (wall clock) the outbox is looked at
     * @param backoff       first wait after an SMTP failure (doubles per failure)
     * @param maxBackoff    longest wait between SMTP attempts
     * @param batchBudget   longest time one punctuation spends sending (stays well inside the transaction timeout)
     * @param maxHold       longest an email waits for its predecessor (e.g. "confirmed" for "received")
     * @param persistentStores RocksDB (true) or in-memory stores
     */
    public record Config(Postman postman, EmailRenderer renderer, Duration sendInterval, Duration backoff,
                         Duration maxBackoff, Duration batchBudget, Duration maxHold, boolean persistentStores) {
    }

    private NotificationsTopology() {
    }

    public static void define(StreamsBuilder builder, Config config) {
        builder.globalTable(Topics.CUSTOMERS.name(),
                Consumed.with(Serdes.String(), ContractSerde.of(Customer.class)).withName("read-customers"),
                Materialized.<String, Customer, KeyValueStore<Bytes, byte[]>>as(CUSTOMERS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(ContractSerde.of(Customer.class)));
        builder.addStateStore(store(config, CONTACTS_STORE, ContractSerde.of(OrderContact.class)));
        builder.addStateStore(store(config, OUTBOX_STORE, ContractSerde.of(PendingEmail.class)));
        builder.addStateStore(store(config, MARKS_STORE, Serdes.String()));
        String deadLetters = Topics.deadLetterTopic(Service.NOTIFICATIONS).name();
        KStream<String, SpecificRecord> events = null;
        for (TopicSpec input : INPUTS) {
            KStream<String, SpecificRecord> source = DeadLetters.source(builder, input, deadLetters);
            events = events == null ? source : events.merge(source, Named.as("merge-" + input.name()));
        }
        events.process(() -> new NotificationProcessor(config), Named.as("notifier"),
                        CONTACTS_STORE, OUTBOX_STORE, MARKS_STORE)
                .to(Topics.NOTIFICATIONS_SENT.name(), Produced.with(Serdes.String(),
                        ContractSerde.forTopic(Topics.NOTIFICATIONS_SENT)).withName("write-notifications-sent"));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(Config config, String name, Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = config.persistentStores()
                ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde);
    }
}
