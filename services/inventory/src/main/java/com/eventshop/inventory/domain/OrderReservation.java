package com.eventshop.inventory.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reservation of one order, all or nothing. The order's lines (summed per product) are sent
 * to the stock of each product as RESERVE instructions; when every outcome is back the order
 * passes if all were reserved, otherwise every line that was reserved is released again.
 *
 * <p>An order of a single product is answered by that product's stock directly
 * ({@link StockInstruction#answersOrder()}, see {@link ReservationOutcome#asCheck()}): this side
 * marks it checked at once and only records the outcome when it comes back.
 *
 * <p>Afterwards the order is closed exactly once: released (rejected or unpaid), sold
 * (confirmed) or cancelled (a cancelled order gives back its reservation, or its sold units
 * if it had been confirmed). A close that arrives before the reservation completed is
 * remembered, so lines reserved later are released (or sold) at once. Every line moves through
 * its states one way only, so repeated or late events never release or sell twice.
 *
 * <p>Not thread-safe; one instance lives for the handling of one event.
 */
public final class OrderReservation {

    /** How the order was closed. */
    public enum Closure { OPEN, RELEASED, SOLD, CANCELLED }

    /** Why stock held for an order goes back. */
    public enum ReleaseReason { REJECTED, PAYMENT_FAILED, CANCELLED }

    public enum LineState {
        /** RESERVE sent, outcome not back yet. */
        PENDING,
        /** Held for the order. */
        RESERVED,
        SHORT,
        UNKNOWN_PRODUCT,
        /** Was reserved, given back. */
        RELEASED,
        /** Was reserved, sold. */
        SOLD,
        /** Was sold, given back after a cancellation. */
        RESTOCKED,
        /** Not a valid line (quantity below 1); nothing was reserved. */
        INVALID
    }

    /** One product of the order (lines of the same product are summed). */
    public static final class Line {
        private final String productId;
        private final int quantity;
        private LineState state;
        private int available;

        public Line(String productId, int quantity, LineState state, int available) {
            this.productId = Objects.requireNonNull(productId, "productId");
            this.quantity = quantity;
            this.state = Objects.requireNonNull(state, "state");
            this.available = available;
        }

        public String productId() {
            return productId;
        }

        public int quantity() {
            return quantity;
        }

        public LineState state() {
            return state;
        }

        /** Available stock reported with a SHORT outcome. */
        public int available() {
            return available;
        }

        @Override
        public String toString() {
            return productId + "x" + quantity + ":" + state;
        }
    }

    private final String orderId;
    private boolean requested;
    private boolean checked;
    private Closure closure;
    private final List<Line> lines;

    private OrderReservation(String orderId, boolean requested, boolean checked, Closure closure,
                             List<Line> lines) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.requested = requested;
        this.checked = checked;
        this.closure = Objects.requireNonNull(closure, "closure");
        this.lines = new ArrayList<>(lines);
    }

    /** An order inventory has not heard of yet. */
    public static OrderReservation start(String orderId) {
        return new OrderReservation(orderId, false, false, Closure.OPEN, List.of());
    }

    /** Rebuilds the state kept in the store. */
    public static OrderReservation restore(String orderId, boolean requested, boolean checked,
                                           Closure closure, List<Line> lines) {
        return new OrderReservation(orderId, requested, checked, closure, lines);
    }

    public String orderId() {
        return orderId;
    }

    public boolean requested() {
        return requested;
    }

    public boolean checked() {
        return checked;
    }

    public Closure closure() {
        return closure;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** True while stock is, or may become, held for the order. */
    public boolean holdsStock() {
        return lines.stream().anyMatch(l -> l.state == LineState.PENDING || l.state == LineState.RESERVED);
    }

    /** The order was requested: ask every product for its quantity. A repeat is ignored. */
    public ReservationEffects request(List<RequestedLine> requestedLines) {
        if (requested) {
            return ReservationEffects.none();
        }
        requested = true;
        if (closure != Closure.OPEN) {
            // Closed before inventory saw it (e.g. rejected on a timeout): reserve nothing.
            checked = true;
            return ReservationEffects.none();
        }
        Map<String, Long> perProduct = new LinkedHashMap<>();
        boolean invalid = false;
        for (RequestedLine line : requestedLines) {
            if (line.productId() == null || line.productId().isBlank() || line.quantity() < 1) {
                invalid = true;
            }
            perProduct.merge(line.productId() == null ? "" : line.productId(),
                    (long) line.quantity(), Long::sum);
        }
        if (perProduct.values().stream().anyMatch(q -> q > Integer.MAX_VALUE)) {
            invalid = true;
        }
        if (invalid) {
            checked = true;
            List<Shortage> shortages = new ArrayList<>();
            perProduct.forEach((product, quantity) -> {
                int q = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, quantity));
                lines.add(new Line(product, q, LineState.INVALID, 0));
                shortages.add(new Shortage(product, q, 0));
            });
            return new ReservationEffects(List.of(), Optional.of(
                    new InventoryCheck(orderId, false, shortages, List.of())));
        }
        if (perProduct.isEmpty()) {
            checked = true;
            return new ReservationEffects(List.of(), Optional.of(
                    new InventoryCheck(orderId, true, List.of(), List.of())));
        }
        if (perProduct.size() == 1) {
            // One product (most orders): its stock alone decides, so the stock side answers the
            // order directly (one hop less). This side still learns the outcome, to release or
            // sell later, but emits no check of its own.
            checked = true;
            Map.Entry<String, Long> only = perProduct.entrySet().iterator().next();
            lines.add(new Line(only.getKey(), only.getValue().intValue(), LineState.PENDING, 0));
            return new ReservationEffects(List.of(StockInstruction.reserveAndAnswer(orderId, only.getKey(),
                    only.getValue().intValue())), Optional.empty());
        }
        List<StockInstruction> reserves = new ArrayList<>();
        perProduct.forEach((product, quantity) -> {
            lines.add(new Line(product, quantity.intValue(), LineState.PENDING, 0));
            reserves.add(StockInstruction.reserve(orderId, product, quantity.intValue()));
        });
        return new ReservationEffects(reserves, Optional.empty());
    }

    /** The stock of one product answered a RESERVE. */
    public ReservationEffects outcome(ReservationOutcome outcome) {
        Line line = lines.stream()
                .filter(l -> l.productId.equals(outcome.productId()) && l.state == LineState.PENDING)
                .findFirst().orElse(null);
        if (line == null) {
            // Not waiting for it (never expected): make sure nothing stays held by mistake.
            return outcome.result() == ReservationOutcome.Result.RESERVED
                    ? new ReservationEffects(List.of(StockInstruction.release(orderId,
                            outcome.productId(), outcome.quantity())), Optional.empty())
                    : ReservationEffects.none();
        }
        List<StockInstruction> instructions = new ArrayList<>();
        switch (outcome.result()) {
            case RESERVED -> {
                line.state = LineState.RESERVED;
                if (closure == Closure.RELEASED || closure == Closure.CANCELLED) {
                    line.state = LineState.RELEASED;
                    instructions.add(StockInstruction.release(orderId, line.productId, line.quantity));
                } else if (closure == Closure.SOLD) {
                    line.state = LineState.SOLD;
                    instructions.add(StockInstruction.sell(orderId, line.productId, line.quantity));
                }
            }
            case SHORT -> {
                line.state = LineState.SHORT;
                line.available = outcome.available();
            }
            case UNKNOWN_PRODUCT -> line.state = LineState.UNKNOWN_PRODUCT;
        }
        if (checked || lines.stream().anyMatch(l -> l.state == LineState.PENDING)) {
            return new ReservationEffects(instructions, Optional.empty());
        }
        checked = true;
        List<Shortage> shortages = lines.stream().filter(l -> l.state == LineState.SHORT)
                .map(l -> new Shortage(l.productId, l.quantity, l.available)).toList();
        List<String> unknown = lines.stream().filter(l -> l.state == LineState.UNKNOWN_PRODUCT)
                .map(l -> l.productId).toList();
        boolean passed = shortages.isEmpty() && unknown.isEmpty();
        if (!passed) {
            for (Line l : lines) {
                if (l.state == LineState.RESERVED) {
                    l.state = LineState.RELEASED;
                    instructions.add(StockInstruction.release(orderId, l.productId, l.quantity));
                }
            }
        }
        return new ReservationEffects(instructions,
                Optional.of(new InventoryCheck(orderId, passed, shortages, unknown)));
    }

    /**
     * The order will not be fulfilled: give back what it holds, now and whatever is reserved
     * later. A cancellation also gives back units of a confirmed order.
     */
    public ReservationEffects release(ReleaseReason reason) {
        List<StockInstruction> instructions = new ArrayList<>();
        if (reason == ReleaseReason.CANCELLED) {
            closure = Closure.CANCELLED;
            for (Line l : lines) {
                if (l.state == LineState.RESERVED) {
                    l.state = LineState.RELEASED;
                    instructions.add(StockInstruction.release(orderId, l.productId, l.quantity));
                } else if (l.state == LineState.SOLD) {
                    l.state = LineState.RESTOCKED;
                    instructions.add(StockInstruction.restock(orderId, l.productId, l.quantity));
                }
            }
            return new ReservationEffects(instructions, Optional.empty());
        }
        if (closure == Closure.SOLD || closure == Closure.CANCELLED) {
            return ReservationEffects.none(); // a confirmed or cancelled order is not rejected later
        }
        closure = Closure.RELEASED;
        for (Line l : lines) {
            if (l.state == LineState.RESERVED) {
                l.state = LineState.RELEASED;
                instructions.add(StockInstruction.release(orderId, l.productId, l.quantity));
            }
        }
        return new ReservationEffects(instructions, Optional.empty());
    }

    /** The order was confirmed: what it holds is sold. */
    public ReservationEffects confirm() {
        if (closure != Closure.OPEN) {
            return ReservationEffects.none();
        }
        closure = Closure.SOLD;
        List<StockInstruction> instructions = new ArrayList<>();
        for (Line l : lines) {
            if (l.state == LineState.RESERVED) {
                l.state = LineState.SOLD;
                instructions.add(StockInstruction.sell(orderId, l.productId, l.quantity));
            }
        }
        return new ReservationEffects(instructions, Optional.empty());
    }

    @Override
    public String toString() {
        return "OrderReservation[" + orderId + ", requested=" + requested + ", checked=" + checked
                + ", closure=" + closure + ", lines=" + lines + "]";
    }
}
