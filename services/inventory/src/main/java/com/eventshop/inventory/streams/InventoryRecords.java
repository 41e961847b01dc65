package com.eventshop.inventory.streams;

import com.eventshop.contracts.StockShortage;
import com.eventshop.contracts.events.InventoryChecked;
import com.eventshop.contracts.tables.Stock;
import com.eventshop.inventory.domain.InventoryCheck;
import com.eventshop.inventory.domain.OrderReservation;
import com.eventshop.inventory.domain.ReservationOutcome;
import com.eventshop.inventory.domain.StockInstruction;
import com.eventshop.inventory.domain.StockLevel;
import com.eventshop.inventory.streams.internal.LineOutcome;
import com.eventshop.inventory.streams.internal.LineResult;
import com.eventshop.inventory.streams.internal.ReservationClosure;
import com.eventshop.inventory.streams.internal.ReservationLine;
import com.eventshop.inventory.streams.internal.ReservationLineState;
import com.eventshop.inventory.streams.internal.StockAction;
import com.eventshop.inventory.streams.internal.StockCommand;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import java.util.List;

/** Maps between the domain and the Avro records on topics and in stores. */
public final class InventoryRecords {

    private InventoryRecords() {
    }

    public static StockLevel toDomain(Stock stock) {
        return stock == null ? null
                : new StockLevel(stock.getProductId(), stock.getAvailable(), stock.getReserved(), stock.getSold());
    }

    public static Stock toRecord(StockLevel level, Instant updatedAt) {
        return Stock.newBuilder().setProductId(level.productId()).setAvailable(level.available())
                .setReserved(level.reserved()).setSold(level.sold()).setUpdatedAt(updatedAt).build();
    }

    public static StockCommand toRecord(StockInstruction instruction) {
        return StockCommand.newBuilder().setOrderId(instruction.orderId())
                .setProductId(instruction.productId()).setQuantity(instruction.quantity())
                .setAction(StockAction.valueOf(instruction.kind().name())).build();
    }

    /**
     * Header of a RESERVE command whose stock keeper answers the order itself (a single-product
     * order). A header rather than a field: the StockCommand schema stays as it is, so commands in
     * flight on the repartition topics decode on either side of an upgrade (an older stock keeper
     * ignores the header; the order then gets no check and is rejected on its validation timeout,
     * which releases whatever it reserved).
     */
    public static final String ANSWERS_ORDER_HEADER = "eventshop-inventory-answers-order";

    /** The headers of a command: the cause's headers, with the answers-order marker set or removed. */
    public static Headers commandHeaders(Headers cause, StockInstruction instruction) {
        Headers headers = new RecordHeaders(cause.toArray());
        headers.remove(ANSWERS_ORDER_HEADER);
        if (instruction.answersOrder()) {
            headers.add(ANSWERS_ORDER_HEADER, new byte[] {1});
        }
        return headers;
    }

    /** The cause's headers without the answers-order marker (for what a command leads to). */
    public static Headers withoutMarker(Headers cause) {
        Headers headers = new RecordHeaders(cause.toArray());
        headers.remove(ANSWERS_ORDER_HEADER);
        return headers;
    }

    /** The instruction a command record carries, or null for an action this version does not know. */
    public static StockInstruction toDomain(StockCommand command, Headers headers) {
        StockInstruction instruction = toDomain(command);
        if (instruction == null || instruction.kind() != StockInstruction.Kind.RESERVE
                || headers.lastHeader(ANSWERS_ORDER_HEADER) == null) {
            return instruction;
        }
        return StockInstruction.reserveAndAnswer(instruction.orderId(), instruction.productId(), instruction.quantity());
    }

    /** The instruction, or null for an action this version does not know. */
    public static StockInstruction toDomain(StockCommand command) {
        if (command.getAction() == StockAction.UNKNOWN) {
            return null;
        }
        return new StockInstruction(StockInstruction.Kind.valueOf(command.getAction().name()),
                command.getOrderId(), command.getProductId(), command.getQuantity());
    }

    public static LineOutcome toRecord(ReservationOutcome outcome) {
        return LineOutcome.newBuilder().setOrderId(outcome.orderId()).setProductId(outcome.productId())
                .setQuantity(outcome.quantity()).setResult(LineResult.valueOf(outcome.result().name()))
                .setAvailable(outcome.available()).build();
    }

    /** The outcome, or null for a result this version does not know. */
    public static ReservationOutcome toDomain(LineOutcome outcome) {
        if (outcome.getResult() == LineResult.UNKNOWN) {
            return null;
        }
        return new ReservationOutcome(outcome.getOrderId(), outcome.getProductId(), outcome.getQuantity(),
                ReservationOutcome.Result.valueOf(outcome.getResult().name()), outcome.getAvailable());
    }

    public static InventoryChecked toRecord(InventoryCheck check, Instant checkedAt) {
        return InventoryChecked.newBuilder().setOrderId(check.orderId()).setPassed(check.passed())
                .setShortages(check.shortages().stream()
                        .map(s -> StockShortage.newBuilder().setProductId(s.productId())
                                .setRequested(s.requested()).setAvailable(s.available()).build())
                        .toList())
                .setUnknownProducts(check.unknownProducts())
                .setCheckedAt(checkedAt).build();
    }

    public static com.eventshop.inventory.streams.internal.OrderReservation toRecord(
            OrderReservation reservation, Instant updatedAt) {
        List<ReservationLine> lines = reservation.lines().stream()
                .map(l -> ReservationLine.newBuilder().setProductId(l.productId()).setQuantity(l.quantity())
                        .setState(ReservationLineState.valueOf(l.state().name()))
                        .setAvailable(l.available()).build())
                .toList();
        return com.eventshop.inventory.streams.internal.OrderReservation.newBuilder()
                .setOrderId(reservation.orderId()).setRequested(reservation.requested())
                .setChecked(reservation.checked())
                .setClosure(ReservationClosure.valueOf(reservation.closure().name()))
                .setLines(lines).setUpdatedAt(updatedAt).build();
    }

    public static OrderReservation toDomain(com.eventshop.inventory.streams.internal.OrderReservation stored) {
        List<OrderReservation.Line> lines = stored.getLines().stream()
                .map(l -> new OrderReservation.Line(l.getProductId(), l.getQuantity(),
                        OrderReservation.LineState.valueOf(l.getState().name()), l.getAvailable()))
                .toList();
        return OrderReservation.restore(stored.getOrderId(), stored.getRequested(), stored.getChecked(),
                OrderReservation.Closure.valueOf(stored.getClosure().name()), lines);
    }
}
