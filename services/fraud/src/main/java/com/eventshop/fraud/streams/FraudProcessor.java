package com.eventshop.fraud.streams;

import com.eventshop.contracts.events.FraudChecked;
import com.eventshop.fraud.domain.CustomerOrder;
import com.eventshop.fraud.domain.FraudRules;
import com.eventshop.fraud.domain.FraudVerdict;
import com.eventshop.fraud.streams.internal.FraudDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by customerId: evaluates each order against the customer's orders in the
 * {@code customer-orders} window store (at their requestedAt), keeps the decision there and emits
 * FraudChecked keyed by orderId. A repeated order gets its earlier decision again, and is not
 * counted twice.
 */
final class FraudProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(FraudProcessor.class);

    private final FraudRules rules;
    private ProcessorContext<String, SpecificRecord> context;
    private WindowStore<String, FraudDecision> store;

    FraudProcessor(FraudRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(FraudTopology.CUSTOMER_ORDERS_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (!(record.value() instanceof com.eventshop.fraud.streams.internal.CustomerOrder value)) {
            return;
        }
        CustomerOrder order = new CustomerOrder(value.getOrderId(), value.getCustomerId(), value.getTotalCents(),
                value.getRequestedAt());
        long at = order.requestedAt().toEpochMilli();
        List<CustomerOrder> recent = new ArrayList<>();
        FraudDecision earlier = null;
        try (WindowStoreIterator<FraudDecision> it = store.fetch(order.customerId(),
                Instant.ofEpochMilli(at - rules.lookback().toMillis()),
                Instant.ofEpochMilli(at + rules.lookback().toMillis()))) {
            while (it.hasNext()) {
                KeyValue<Long, FraudDecision> entry = it.next();
                if (entry.value.getOrderId().equals(order.orderId())) {
                    earlier = entry.value;
                } else {
                    recent.add(new CustomerOrder(entry.value.getOrderId(), order.customerId(),
                            entry.value.getTotalCents(), Instant.ofEpochMilli(entry.key)));
                }
            }
        }
        FraudDecision decision;
        if (earlier != null) {
            log.debug("Order {} was checked before; repeating its verdict", order.orderId());
            decision = earlier;
        } else {
            FraudVerdict verdict = rules.evaluate(order, recent);
            decision = FraudDecision.newBuilder().setOrderId(order.orderId()).setTotalCents(order.totalCents())
                    .setPassed(verdict.passed()).setRule(verdict.rule().orElse(null)).build();
            store.put(order.customerId(), decision, at);
            if (!verdict.passed()) {
                log.info("Order {} of customer {} fails rule {}: {}", order.orderId(), order.customerId(),
                        verdict.rule().orElseThrow(), verdict.detail().orElse(""));
            }
        }
        FraudChecked checked = FraudChecked.newBuilder().setOrderId(order.orderId())
                .setCustomerId(order.customerId()).setPassed(decision.getPassed()).setRule(decision.getRule())
                .setCheckedAt(Instant.ofEpochMilli(context.currentSystemTimeMs())).build();
        context.forward(record.withKey(order.orderId()).withValue(checked));
    }
}
