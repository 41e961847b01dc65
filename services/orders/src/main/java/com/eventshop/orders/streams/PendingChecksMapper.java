package com.eventshop.orders.streams;

import com.eventshop.orders.domain.CheckKind;
import com.eventshop.orders.domain.CheckResult;
import com.eventshop.orders.domain.PendingValidation;
import com.eventshop.orders.streams.internal.CheckOutcome;
import com.eventshop.orders.streams.internal.PendingChecks;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Between the domain's {@link PendingValidation} and the stored {@link PendingChecks} record. */
final class PendingChecksMapper {

    private PendingChecksMapper() {
    }

    static PendingChecks toRecord(PendingValidation pending) {
        List<String> required = new ArrayList<>();
        pending.required().forEach(kind -> required.add(kind.name()));
        List<CheckOutcome> results = new ArrayList<>();
        pending.results().values().forEach(result -> results.add(CheckOutcome.newBuilder()
                .setCheck(result.kind().name())
                .setPassed(result.passed())
                .setReasons(new ArrayList<>(result.reasons()))
                .setReference(result.reference())
                .build()));
        return PendingChecks.newBuilder()
                .setOrderId(pending.orderId())
                .setRequired(required)
                .setResults(results)
                .setDeadline(pending.deadline())
                .build();
    }

    static PendingValidation fromRecord(PendingChecks record) {
        if (record == null) {
            return null;
        }
        Set<CheckKind> required = EnumSet.noneOf(CheckKind.class);
        for (String name : record.getRequired()) {
            kind(name).ifPresent(required::add);
        }
        Map<CheckKind, CheckResult> results = new EnumMap<>(CheckKind.class);
        for (CheckOutcome outcome : record.getResults()) {
            kind(outcome.getCheck()).ifPresent(kind -> results.put(kind,
                    new CheckResult(kind, outcome.getPassed(), outcome.getReasons(), outcome.getReference())));
        }
        return new PendingValidation(record.getOrderId(), required, results, record.getDeadline());
    }

    /** Check kinds written by a newer version and unknown here are dropped. */
    private static java.util.Optional<CheckKind> kind(String name) {
        try {
            return java.util.Optional.of(CheckKind.valueOf(name));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
