package com.eventshop.payments.streams;

import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.contracts.events.ShipmentUpdated;
import com.eventshop.payments.domain.Payment;
import com.eventshop.payments.domain.PaymentDesk;
import com.eventshop.payments.streams.internal.PaymentRecord;
import com.eventshop.payments.streams.internal.PendingAuthorization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
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
 * Keyed by orderId over the {@code payments} store: authorises requested orders once (a hold, in
 * parallel with inventory's and fraud's checks), captures the hold once when the order ships, gives
 * the money back once when the order is cancelled or rejected (voids the hold, or refunds a
 * captured charge), and retries give-backs that failed transiently on a wall-clock schedule (the
 * {@code pending-refunds} store lists them).
 *
 * <p>Authorisations and captures run on the provider-call executor, not on the stream thread: a
 * provider that answers in 10 ms would otherwise cap a stream thread at 100 orders a second. The flow:
 * <ol>
 *   <li>OrderRequested (or SHIPPED): the request goes into {@code pending-authorizations} (in this
 *       record's transaction) and the call is started;</li>
 *   <li>the answer is queued by the calling thread and recorded on the stream thread, when the next
 *       record arrives or at the latest on the next answer check: payment stored, event written,
 *       request deleted, all in one transaction;</li>
 *   <li>a request without a call under way (a task restarted after a crash, or moved here from
 *       another instance) is asked again: the idempotency key gets the provider's first answer.</li>
 * </ol>
 * An order cancelled or rejected while its authorisation is under way is marked, and its hold
 * voided once answered. Voids and refunds are rare (only failed or cancelled orders) and run on
 * the stream thread.
 */
final class PaymentProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);

    private final PaymentsTopologyConfig config;
    private final PaymentDesk desk;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, PaymentRecord> payments;
    private KeyValueStore<String, Long> pendingRefunds;
    private KeyValueStore<String, PendingAuthorization> pendingAuthorizations;
    /** Orders whose authorisation this task has started and not recorded (stream thread only). */
    private final Set<String> underWay = new HashSet<>();
    /** Answers of the provider, handed over from the calling threads to the stream thread. */
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    /** A call could not be started: the next answer check asks again (stream thread only). */
    private boolean unstarted;

    private record Answer(String orderId, PaymentDesk.Decision decision) {
    }

    PaymentProcessor(PaymentsTopologyConfig config) {
        this.config = config;
        this.desk = new PaymentDesk(config.provider(), config.retry(), config.sleeper());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.payments = context.getStateStore(PaymentsTopology.PAYMENTS_STORE);
        this.pendingRefunds = context.getStateStore(PaymentsTopology.PENDING_REFUNDS_STORE);
        this.pendingAuthorizations = context.getStateStore(PaymentsTopology.PENDING_AUTHORIZATIONS_STORE);
        context.schedule(config.refundRetryInterval(), PunctuationType.WALL_CLOCK_TIME, this::retryRefunds);
        context.schedule(config.answerCheckInterval(), PunctuationType.WALL_CLOCK_TIME, now -> recordAnswers());
        askAgainForUnanswered();
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value instanceof OrderRequested requested) {
            authorize(record, requested.getOrderId(), requested.getCustomerId(), requested.getTotalCents(),
                    requested.getCurrency());
        } else if (value instanceof OrderValidated validated) {
            // The v1 flow authorised after validation: an order validated before the upgrade is
            // authorised now; one authorised on its request already is not authorised again.
            authorize(record, validated.getOrderId(), validated.getCustomerId(), validated.getTotalCents(),
                    validated.getCurrency());
        } else if (value instanceof OrderRejected rejected) {
            giveBack(record, rejected.getOrderId(), rejected.getCustomerId());
        } else if (value instanceof OrderCancelled cancelled) {
            giveBack(record, cancelled.getOrderId(), cancelled.getCustomerId());
        } else if (value instanceof ShipmentUpdated shipment && shipment.getStatus() != ShipmentStatus.CANCELLED
                && shipment.getStatus() != ShipmentStatus.PACKED) {
            capture(record, shipment.getOrderId());
        }
        // OrderConfirmed needs nothing from payments: the hold is captured when the order ships.
        recordAnswers();
    }

    private void authorize(Record<String, SpecificRecord> record, String orderId, String customerId,
                           long amountCents, String currency) {
        if (load(orderId) != null || pendingAuthorizations.get(orderId) != null) {
            log.debug("Order {} is authorised, refused or being authorised already; nothing to do", orderId);
            return;
        }
        PendingAuthorization request = PendingAuthorization.newBuilder().setOrderId(orderId)
                .setCustomerId(customerId).setAmountCents(amountCents).setCurrency(currency)
                .setCancelRequested(false).setCapture(false).setCauseTimestamp(record.timestamp()).build();
        pendingAuthorizations.put(orderId, request);
        call(request);
    }

    /** Shipped (or further along): capture the hold, once; a later update asks again if it failed. */
    private void capture(Record<String, SpecificRecord> record, String orderId) {
        Payment payment = load(orderId);
        if (payment == null || !payment.capturable() || pendingAuthorizations.get(orderId) != null) {
            return;
        }
        PendingAuthorization request = PendingAuthorization.newBuilder().setOrderId(orderId)
                .setCustomerId(payment.customerId()).setAmountCents(payment.amountCents())
                .setCurrency(payment.currency()).setCancelRequested(false).setCapture(true)
                .setCauseTimestamp(record.timestamp()).build();
        pendingAuthorizations.put(orderId, request);
        call(request);
    }

    /** Cancelled or rejected: the money goes back once the call under way (if any) is answered. */
    private void giveBack(Record<String, SpecificRecord> record, String orderId, String customerId) {
        PendingAuthorization underWayRequest = pendingAuthorizations.get(orderId);
        if (underWayRequest != null) {
            if (!underWayRequest.getCancelRequested()) {
                underWayRequest.setCancelRequested(true);
                pendingAuthorizations.put(orderId, underWayRequest);
            }
        } else {
            apply(record, orderId, desk.cancelled(load(orderId), orderId, customerId));
        }
    }

    /** Starts the provider call; its answer is queued for the stream thread. */
    private void call(PendingAuthorization request) {
        String orderId = request.getOrderId();
        Payment toCapture = request.getCapture() ? load(orderId) : null; // stores are read on the stream thread only
        underWay.add(orderId);
        try {
            config.providerCalls().execute(() -> answers.add(new Answer(orderId, request.getCapture()
                    ? desk.shipped(toCapture)
                    : desk.requested(null, orderId, request.getCustomerId(), request.getAmountCents(),
                            request.getCurrency()))));
        } catch (RejectedExecutionException e) {
            // The executor is shutting down or full: the next answer check asks again.
            underWay.remove(orderId);
            unstarted = true;
            log.warn("Could not start the authorisation of order {} ({}); trying again shortly", orderId, e.toString());
        }
    }

    /** Requests in the store without a call under way in this task: asked again. */
    private void askAgainForUnanswered() {
        unstarted = false;
        List<PendingAuthorization> unanswered = new ArrayList<>();
        try (KeyValueIterator<String, PendingAuthorization> all = pendingAuthorizations.all()) {
            while (all.hasNext()) {
                KeyValue<String, PendingAuthorization> entry = all.next();
                if (!underWay.contains(entry.key)) {
                    unanswered.add(entry.value);
                }
            }
        }
        if (!unanswered.isEmpty()) {
            log.info("Asking the provider again for {} authorisation(s) left unanswered", unanswered.size());
            unanswered.forEach(this::call);
        }
    }

    /** Records every answer received so far, each in the current transaction. */
    private void recordAnswers() {
        Answer answer;
        while ((answer = answers.poll()) != null) {
            String orderId = answer.orderId();
            underWay.remove(orderId);
            PendingAuthorization request = pendingAuthorizations.get(orderId);
            if (request == null) {
                continue; // answered and recorded before (a repeated call)
            }
            pendingAuthorizations.delete(orderId);
            apply(new Record<>(orderId, null, request.getCauseTimestamp()), orderId, answer.decision());
            if (request.getCancelRequested()) {
                apply(new Record<>(orderId, null, request.getCauseTimestamp()), orderId,
                        desk.cancelled(load(orderId), orderId, request.getCustomerId()));
            }
        }
        if (unstarted) {
            askAgainForUnanswered();
        }
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
