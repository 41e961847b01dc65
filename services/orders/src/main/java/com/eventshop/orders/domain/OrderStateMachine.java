package com.eventshop.orders.domain;

import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.ShipmentStatus;
import com.eventshop.contracts.commands.OrderCancelRequested;
import com.eventshop.contracts.events.FraudChecked;
import com.eventshop.contracts.events.InventoryChecked;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.contracts.events.PaymentRefunded;
import com.eventshop.contracts.events.ShipmentUpdated;
import com.eventshop.contracts.tables.Order;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * The order state machine: given the order as it stands (null if unknown), its pending
 * validation (null if none), an incoming event and the current time, it says how the order
 * changes and which events follow, or why the event is ignored. It is the only place that
 * decides; the stream processor around it stores and publishes what it says.
 *
 * <pre>
 * CREATED ──inventory, fraud and payment all in and passed──▶ CONFIRMED ──▶ PACKED ──▶ SHIPPED ──▶ OUT_FOR_DELIVERY ──▶ DELIVERED
 *    ├──a check failed / timed out──▶ REJECTED
 *    └──only the payment failed────▶ PAYMENT_FAILED
 * CREATED, CONFIRMED, PACKED ──cancel──▶ CANCELLED
 * </pre>
 *
 * The payment is authorised in parallel with the checks (order flow v2), so a passed order is
 * confirmed by the event that completes it: one view version, one OrderConfirmed. Every failure
 * is announced as OrderRejected, which is what inventory releases and payments voids on. The
 * v1 path (VALIDATED, then a payment answering an OrderValidated, then PAID and CONFIRMED) stays
 * for orders that were in flight when the flow was upgraded, and for deployments that do not
 * require the PAYMENT check.
 *
 * Every change of the view increments {@code version} and sets {@code updatedAt = now}.
 */
public final class OrderStateMachine {

    private final ValidationAggregator validation;

    public OrderStateMachine(ValidationAggregator validation) {
        this.validation = Objects.requireNonNull(validation, "validation");
    }

    public ValidationAggregator validation() {
        return validation;
    }

    /**
     * Applies one event.
     *
     * @param current the order as it stands, or null if this processor never saw it
     * @param pending its pending validation, or null
     * @param event   OrderRequested, InventoryChecked, FraudChecked, OrderPaymentProcessed,
     *                PaymentRefunded, OrderCancelRequested or ShipmentUpdated
     * @param now     the processing time
     */
    public Outcome apply(Order current, PendingValidation pending, SpecificRecord event, Instant now) {
        Objects.requireNonNull(now, "now");
        if (event instanceof OrderRequested requested) {
            return onRequested(current, pending, requested, now);
        }
        if (event instanceof InventoryChecked checked) {
            return onCheck(current, pending, checked.getOrderId(), CheckResult.of(checked), now);
        }
        if (event instanceof FraudChecked checked) {
            return onCheck(current, pending, checked.getOrderId(), CheckResult.of(checked), now);
        }
        if (event instanceof OrderPaymentProcessed payment) {
            if (payment.getStatus() == PaymentStatus.CAPTURED) {
                // Captured when the order shipped: money moves, the order does not.
                return Outcome.ignored(IgnoreReason.PAYMENT_NOT_EXPECTED, "capture of an order that is "
                        + (current == null ? "unknown" : current.getState()));
            }
            boolean asCheck = validation.requiredChecks().contains(CheckKind.PAYMENT)
                    && (current == null || current.getState() == OrderState.CREATED);
            return asCheck ? onCheck(current, pending, payment.getOrderId(), CheckResult.of(payment), now)
                    : onPayment(current, payment, now);
        }
        if (event instanceof PaymentRefunded refund) {
            return onRefund(current, refund, now);
        }
        if (event instanceof OrderCancelRequested cancel) {
            return onCancel(current, cancel, now);
        }
        if (event instanceof ShipmentUpdated shipment) {
            return onShipment(current, shipment, now);
        }
        return Outcome.ignored(IgnoreReason.UNSUPPORTED_EVENT,
                event == null ? "null value" : event.getClass().getSimpleName());
    }

    /**
     * The pending validation reached its deadline: the order is rejected, with
     * {@code CHECK_TIMEOUT: <check>} for each check that did not arrive.
     */
    public Outcome onValidationTimeout(Order current, PendingValidation pending, Instant now) {
        Objects.requireNonNull(pending, "pending");
        if (!validation.isExpired(pending, now)) {
            return Outcome.applied(List.of(), List.of(), PendingUpdate.KEEP);
        }
        if (current == null) {
            return new Outcome.Ignored(IgnoreReason.UNKNOWN_ORDER,
                    "checks " + pending.results().keySet() + " for an order that never arrived",
                    PendingUpdate.CLEAR);
        }
        if (current.getState() != OrderState.CREATED) {
            return new Outcome.Ignored(IgnoreReason.STALE_VALIDATION,
                    "order is " + current.getState(), PendingUpdate.CLEAR);
        }
        var longer = validation.waitLongerForPayment(pending, current.getCreatedAt(), now);
        if (longer.isPresent()) {
            return Outcome.applied(List.of(), List.of(), PendingUpdate.save(longer.get()));
        }
        return decide(current, validation.verdict(pending), List.of(), now);
    }

    private Outcome onRequested(Order current, PendingValidation early, OrderRequested requested,
            Instant now) {
        if (current != null) {
            return Outcome.ignored(IgnoreReason.DUPLICATE_ORDER_REQUEST,
                    "order exists in state " + current.getState());
        }
        Order created = Order.newBuilder()
                .setOrderId(requested.getOrderId())
                .setCustomerId(requested.getCustomerId())
                .setState(OrderState.CREATED)
                .setLines(new ArrayList<>(requested.getLines()))
                .setTotalCents(requested.getTotalCents())
                .setCurrency(requested.getCurrency())
                .setShippingAddress(requested.getShippingAddress())
                .setRequestHash(requested.getRequestHash())
                .setReasons(new ArrayList<>())
                .setPaymentId(null)
                .setTrackingNumber(null)
                .setCreatedAt(requested.getRequestedAt() == null ? now : requested.getRequestedAt())
                .setUpdatedAt(now)
                .setVersion(1L)
                .build();
        PendingValidation pending = validation.start(requested.getOrderId(), early, now);
        if (pending.complete()) {
            // Nothing to wait for (no checks configured, or all of them came before the order).
            return decide(created, validation.verdict(pending), List.of(created), now);
        }
        return Outcome.applied(List.of(created), List.of(), PendingUpdate.save(pending));
    }

    private Outcome onCheck(Order current, PendingValidation pending, String orderId,
            CheckResult result, Instant now) {
        if (current == null) {
            // The check overtook its order: keep it until the order arrives or the deadline.
            PendingValidation early = pending != null ? pending : validation.awaitOrder(orderId, now);
            return record(early, result, added -> Outcome.applied(List.of(), List.of(),
                    PendingUpdate.save(added)));
        }
        if (current.getState() != OrderState.CREATED) {
            return Outcome.ignored(IgnoreReason.LATE_CHECK,
                    result.kind() + " check for an order that is " + current.getState());
        }
        if (pending == null) {
            return Outcome.ignored(IgnoreReason.LATE_CHECK,
                    result.kind() + " check but no validation is pending");
        }
        return record(pending, result, added -> added.complete()
                ? decide(current, validation.verdict(added), List.of(), now)
                : Outcome.applied(List.of(), List.of(), PendingUpdate.save(added)));
    }

    private Outcome record(PendingValidation pending, CheckResult result,
            java.util.function.Function<PendingValidation, Outcome> then) {
        ValidationAggregator.Added added = validation.add(pending, result);
        if (added instanceof ValidationAggregator.Added.Recorded recorded) {
            return then.apply(recorded.pending());
        }
        if (added instanceof ValidationAggregator.Added.Duplicate) {
            return Outcome.ignored(IgnoreReason.DUPLICATE_CHECK,
                    "second " + result.kind() + " check");
        }
        return Outcome.ignored(IgnoreReason.CHECK_NOT_REQUIRED,
                result.kind() + " is not a required check");
    }

    /**
     * Confirmed (or, without a payment check, validated) or rejected; {@code before} are view
     * versions already produced by this event.
     */
    private Outcome decide(Order current, Verdict verdict, List<Order> before, Instant now) {
        List<Order> views = new ArrayList<>(before);
        if (verdict.passed() && validation.requiredChecks().contains(CheckKind.PAYMENT)) {
            Order confirmed = next(current, OrderState.CONFIRMED, now)
                    .setPaymentId(verdict.paymentId())
                    .build();
            views.add(confirmed);
            return Outcome.applied(views, List.of(confirmed(current, now)), PendingUpdate.CLEAR);
        }
        if (verdict.passed()) {
            Order validated = next(current, OrderState.VALIDATED, now).build();
            views.add(validated);
            OrderValidated event = OrderValidated.newBuilder()
                    .setOrderId(current.getOrderId())
                    .setCustomerId(current.getCustomerId())
                    .setTotalCents(current.getTotalCents())
                    .setCurrency(current.getCurrency())
                    .setValidatedAt(now)
                    .build();
            return Outcome.applied(views, List.of(event), PendingUpdate.CLEAR);
        }
        OrderState state = verdict.onlyPaymentFailed() ? OrderState.PAYMENT_FAILED : OrderState.REJECTED;
        Order rejected = next(current, state, now)
                .setPaymentId(verdict.paymentId() != null ? verdict.paymentId() : current.getPaymentId())
                .setReasons(appended(current.getReasons(), verdict.reasons()))
                .build();
        views.add(rejected);
        return Outcome.applied(views, List.of(rejected(current, verdict.reasons(), verdict.inventoryReserved(), now)),
                PendingUpdate.CLEAR);
    }

    private static OrderConfirmed confirmed(Order order, Instant now) {
        return OrderConfirmed.newBuilder()
                .setOrderId(order.getOrderId())
                .setCustomerId(order.getCustomerId())
                .setLines(new ArrayList<>(order.getLines()))
                .setTotalCents(order.getTotalCents())
                .setCurrency(order.getCurrency())
                .setShippingAddress(order.getShippingAddress())
                .setConfirmedAt(now)
                .build();
    }

    /** What inventory releases and payments voids on, whatever the reason. */
    private static OrderRejected rejected(Order order, List<String> reasons, boolean inventoryReserved, Instant now) {
        return OrderRejected.newBuilder()
                .setOrderId(order.getOrderId())
                .setCustomerId(order.getCustomerId())
                .setReasons(new ArrayList<>(reasons))
                .setInventoryReserved(inventoryReserved)
                .setRejectedAt(now)
                .build();
    }

    /** The v1 path: a payment answering the OrderValidated of an order that was VALIDATED first. */
    private Outcome onPayment(Order current, OrderPaymentProcessed payment, Instant now) {
        if (current == null) {
            return Outcome.ignored(IgnoreReason.UNKNOWN_ORDER, "payment " + payment.getPaymentId());
        }
        if (current.getState() != OrderState.VALIDATED) {
            return Outcome.ignored(IgnoreReason.PAYMENT_NOT_EXPECTED,
                    payment.getStatus() + " payment for an order that is " + current.getState());
        }
        PaymentStatus status = payment.getStatus();
        if (status == PaymentStatus.AUTHORIZED) {
            Order paid = next(current, OrderState.PAID, now)
                    .setPaymentId(payment.getPaymentId())
                    .build();
            Order confirmed = next(paid, OrderState.CONFIRMED, now).build();
            return Outcome.applied(List.of(paid, confirmed), List.of(confirmed(current, now)), PendingUpdate.KEEP);
        }
        if (status == PaymentStatus.DECLINED || status == PaymentStatus.FAILED) {
            String why = payment.getReason() == null || payment.getReason().isBlank()
                    ? "no reason given" : payment.getReason();
            String reason = (status == PaymentStatus.DECLINED ? "PAYMENT_DECLINED: " : "PAYMENT_FAILED: ")
                    + why;
            Order failed = next(current, OrderState.PAYMENT_FAILED, now)
                    .setPaymentId(payment.getPaymentId())
                    .setReasons(appended(current.getReasons(), List.of(reason)))
                    .build();
            // Announced like every other failure, so inventory releases the stock it holds.
            return Outcome.applied(List.of(failed), List.of(rejected(current, List.of(reason), true, now)),
                    PendingUpdate.KEEP);
        }
        return Outcome.ignored(IgnoreReason.UNKNOWN_PAYMENT_STATUS, String.valueOf(status));
    }

    private Outcome onRefund(Order current, PaymentRefunded refund, Instant now) {
        if (current == null) {
            return Outcome.ignored(IgnoreReason.UNKNOWN_ORDER, "refund " + refund.getRefundId());
        }
        String prefix = (refund.getVoided() ? "VOIDED: " : "REFUNDED: ") + refund.getRefundId() + " ";
        if (current.getReasons().stream().anyMatch(r -> r.startsWith(prefix))) {
            return Outcome.ignored(IgnoreReason.DUPLICATE_REFUND, refund.getRefundId());
        }
        String note = prefix + "(" + refund.getAmountCents() + " " + refund.getCurrency()
                + (refund.getVoided() ? " held by payment " : " of payment ") + refund.getPaymentId() + ")";
        // A note only: the state stays what it is (CANCELLED or REJECTED when payments gives the money back).
        Order noted = next(current, current.getState(), now)
                .setReasons(appended(current.getReasons(), List.of(note)))
                .build();
        return Outcome.applied(List.of(noted), List.of(), PendingUpdate.KEEP);
    }

    private Outcome onCancel(Order current, OrderCancelRequested cancel, Instant now) {
        if (current == null) {
            return Outcome.ignored(IgnoreReason.UNKNOWN_ORDER, "cancel request");
        }
        OrderState previous = current.getState();
        if (!OrderLifecycle.cancellable(previous)) {
            return Outcome.ignored(IgnoreReason.CANCEL_NOT_ALLOWED, "order is " + previous);
        }
        String reason = cancel.getReason() == null || cancel.getReason().isBlank()
                ? "requested by customer" : cancel.getReason();
        Order cancelled = next(current, OrderState.CANCELLED, now)
                .setReasons(appended(current.getReasons(), List.of("CANCELLED: " + reason)))
                .build();
        OrderCancelled event = OrderCancelled.newBuilder()
                .setOrderId(current.getOrderId())
                .setCustomerId(current.getCustomerId())
                .setPreviousState(previous)
                .setReason(reason)
                .setCancelledAt(now)
                .build();
        // Cancelled while checks were pending: nothing waits for them any more.
        PendingUpdate pending = previous == OrderState.CREATED ? PendingUpdate.CLEAR : PendingUpdate.KEEP;
        return Outcome.applied(List.of(cancelled), List.of(event), pending);
    }

    private Outcome onShipment(Order current, ShipmentUpdated shipment, Instant now) {
        if (current == null) {
            return Outcome.ignored(IgnoreReason.UNKNOWN_ORDER, "shipment " + shipment.getShipmentId());
        }
        OrderState target = orderStateOf(shipment.getStatus());
        if (target == null) {
            return Outcome.ignored(IgnoreReason.SHIPMENT_STATUS_NOT_TRACKED,
                    String.valueOf(shipment.getStatus()));
        }
        OrderState state = current.getState();
        if (!OrderLifecycle.inShipping(state)) {
            return Outcome.ignored(IgnoreReason.SHIPMENT_NOT_EXPECTED,
                    shipment.getStatus() + " for an order that is " + state);
        }
        int from = OrderLifecycle.rank(state);
        int to = OrderLifecycle.rank(target);
        if (to == from) {
            return Outcome.ignored(IgnoreReason.DUPLICATE_SHIPMENT_UPDATE, String.valueOf(target));
        }
        if (to < from) {
            return Outcome.ignored(IgnoreReason.SHIPMENT_OUT_OF_ORDER, target + " after " + state);
        }
        Order moved = next(current, target, now)
                .setTrackingNumber(shipment.getTrackingNumber())
                .build();
        return Outcome.applied(List.of(moved), List.of(), PendingUpdate.KEEP);
    }

    private static OrderState orderStateOf(ShipmentStatus status) {
        if (status == null) {
            return null;
        }
        switch (status) {
            case PACKED: return OrderState.PACKED;
            case SHIPPED: return OrderState.SHIPPED;
            case OUT_FOR_DELIVERY: return OrderState.OUT_FOR_DELIVERY;
            case DELIVERED: return OrderState.DELIVERED;
            default: return null;
        }
    }

    private static Order.Builder next(Order current, OrderState state, Instant now) {
        return copyOf(current)
                .setState(state)
                .setUpdatedAt(now)
                .setVersion(current.getVersion() + 1);
    }

    /**
     * A builder holding the fields of {@code order}. Field by field rather than
     * {@code Order.newBuilder(order)}: Avro's deep copy looks enum classes up through its
     * class-trust check, which only trusts Eventshop classes once the contract serdes loaded.
     * Lists are copied when changed, never mutated.
     */
    public static Order.Builder copyOf(Order order) {
        return Order.newBuilder()
                .setOrderId(order.getOrderId())
                .setCustomerId(order.getCustomerId())
                .setState(order.getState())
                .setLines(order.getLines())
                .setTotalCents(order.getTotalCents())
                .setCurrency(order.getCurrency())
                .setShippingAddress(order.getShippingAddress())
                .setRequestHash(order.getRequestHash())
                .setReasons(order.getReasons())
                .setPaymentId(order.getPaymentId())
                .setTrackingNumber(order.getTrackingNumber())
                .setCreatedAt(order.getCreatedAt())
                .setUpdatedAt(order.getUpdatedAt())
                .setVersion(order.getVersion());
    }

    private static List<String> appended(List<String> existing, List<String> more) {
        List<String> all = new ArrayList<>(existing);
        all.addAll(more);
        return all;
    }
}
