package com.eventshop.payments.streams;

import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.payments.domain.Payment;
import com.eventshop.payments.domain.PaymentDesk;
import com.eventshop.payments.streams.internal.PaymentRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by orderId over the {@code payments} store: charges validated orders once, refunds
 * cancelled authorised ones once, and retries refunds that failed transiently on a wall-clock
 * schedule (the {@code pending-refunds} store lists them).
 */
final class PaymentProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);

    private final PaymentsTopologyConfig config;
    private final PaymentDesk desk;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, PaymentRecord> payments;
    private KeyValueStore<String, Long> pendingRefunds;

    PaymentProcessor(PaymentsTopologyConfig config) {
        this.config = config;
        this.desk = new PaymentDesk(config.provider(), config.retry(), config.sleeper());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.payments = context.getStateStore(PaymentsTopology.PAYMENTS_STORE);
        this.pendingRefunds = context.getStateStore(PaymentsTopology.PENDING_REFUNDS_STORE);
        context.schedule(config.refundRetryInterval(), PunctuationType.WALL_CLOCK_TIME, this::retryRefunds);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof OrderValidated validated) {
            String orderId = validated.getOrderId();
            apply(record, orderId, desk.validated(load(orderId), orderId, validated.getCustomerId(),
                    validated.getTotalCents(), validated.getCurrency()));
        } else if (record.value() instanceof OrderCancelled cancelled) {
            String orderId = cancelled.getOrderId();
            apply(record, orderId, desk.cancelled(load(orderId), orderId, cancelled.getCustomerId()));
        }
        // OrderRejected and OrderConfirmed need nothing from payments.
    }

    private Payment load(String orderId) {
        PaymentRecord stored = payments.get(orderId);
        Payment payment = PaymentRecords.toDomain(stored);
        if (stored != null && payment == null) {
            throw new IllegalStateException("Payment of order " + orderId + " has a state this version does not know");
        }
        return payment;
    }

    private void apply(Record<String, SpecificRecord> record, String orderId, PaymentDesk.Decision decision) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        decision.payment().ifPresent(payment -> {
            payments.put(orderId, PaymentRecords.toRecord(payment, now));
            if (payment.refund() == Payment.Refund.PENDING) {
                log.warn("Refund of order {} failed for now ({}); retrying every {}", orderId,
                        payment.refundReason(), config.refundRetryInterval());
                pendingRefunds.put(orderId, now.toEpochMilli());
            } else {
                // Almost no payment ever has a pending refund: a blind delete would log a
                // tombstone to the changelog for every order.
                if (pendingRefunds.get(orderId) != null) {
                    pendingRefunds.delete(orderId);
                }
                if (payment.refund() == Payment.Refund.FAILED) {
                    log.error("Refund of order {} refused by the provider: {}", orderId, payment.refundReason());
                }
            }
        });
        if (decision.payment().isEmpty() && decision.event().isEmpty() && record.value() != null) {
            log.debug("{} for order {} changes nothing", record.value().getClass().getSimpleName(), orderId);
        }
        decision.event().ifPresent(event -> {
            log.debug("Order {}: {}", orderId, event);
            // Stamped when the payment happened, strictly after its cause: a re-read of the order
            // topics (a rebuilt orders view) then takes the payment after the validation it answers.
            long happenedAt = Math.max(now.toEpochMilli(), record.timestamp() + 1);
            context.forward(record.withKey(orderId).withValue(PaymentRecords.toRecord(event, now))
                    .withTimestamp(happenedAt));
        });
    }

    private void retryRefunds(long now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = pendingRefunds.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                due.add(entry.key);
            }
        }
        for (String orderId : due) {
            PaymentDesk.Decision decision = desk.retryRefund(load(orderId));
            if (decision.payment().isEmpty()) {
                pendingRefunds.delete(orderId); // nothing to retry (any more)
            }
            apply(new Record<>(orderId, null, now), orderId, decision);
        }
    }
}
