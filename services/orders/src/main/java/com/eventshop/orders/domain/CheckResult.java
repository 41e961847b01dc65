package com.eventshop.orders.domain;

import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.StockShortage;
import com.eventshop.contracts.events.FraudChecked;
import com.eventshop.contracts.events.InventoryChecked;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one check of one order, with the rejection reasons it contributes.
 *
 * @param kind    which check
 * @param passed  whether the check passed
 * @param reasons   why it failed, in the wording shown to customers and operators (empty when passed)
 * @param reference what the checker names its result by, if anything (the provider's payment id)
 */
public record CheckResult(CheckKind kind, boolean passed, List<String> reasons, String reference) {

    public CheckResult {
        Objects.requireNonNull(kind, "kind");
        reasons = List.copyOf(reasons);
    }

    public CheckResult(CheckKind kind, boolean passed, List<String> reasons) {
        this(kind, passed, reasons, null);
    }

    public static CheckResult passed(CheckKind kind) {
        return new CheckResult(kind, true, List.of());
    }

    public static CheckResult failed(CheckKind kind, List<String> reasons) {
        return new CheckResult(kind, false, reasons);
    }

    /**
     * {@code OUT_OF_STOCK: <productId> (requested n, available m)} for each short line and
     * {@code UNKNOWN_PRODUCT: <productId>} for each product inventory does not know.
     */
    public static CheckResult of(InventoryChecked checked) {
        if (checked.getPassed()) {
            return passed(CheckKind.INVENTORY);
        }
        List<String> reasons = new ArrayList<>();
        for (StockShortage shortage : checked.getShortages()) {
            reasons.add(outOfStock(shortage.getProductId(), shortage.getRequested(),
                    shortage.getAvailable()));
        }
        for (String productId : checked.getUnknownProducts()) {
            reasons.add(unknownProduct(productId));
        }
        if (reasons.isEmpty()) {
            reasons.add("OUT_OF_STOCK: no detail given");
        }
        return failed(CheckKind.INVENTORY, reasons);
    }

    /** {@code FRAUD: <rule>}. */
    public static CheckResult of(FraudChecked checked) {
        if (checked.getPassed()) {
            return passed(CheckKind.FRAUD);
        }
        String rule = checked.getRule() == null || checked.getRule().isBlank()
                ? "unspecified rule" : checked.getRule();
        return failed(CheckKind.FRAUD, List.of(fraud(rule)));
    }

    /**
     * Passed when the provider authorised the amount; {@code PAYMENT_DECLINED: <why>} or
     * {@code PAYMENT_FAILED: <why>} otherwise. The payment id travels along for the view.
     */
    public static CheckResult of(OrderPaymentProcessed payment) {
        String paymentId = payment.getPaymentId() == null || payment.getPaymentId().isEmpty()
                ? null : payment.getPaymentId();
        if (payment.getStatus() == PaymentStatus.AUTHORIZED) {
            return new CheckResult(CheckKind.PAYMENT, true, List.of(), paymentId);
        }
        String why = payment.getReason() == null || payment.getReason().isBlank()
                ? "no reason given" : payment.getReason();
        String prefix = payment.getStatus() == PaymentStatus.DECLINED ? "PAYMENT_DECLINED: " : "PAYMENT_FAILED: ";
        return new CheckResult(CheckKind.PAYMENT, false, List.of(prefix + why), paymentId);
    }

    public static String outOfStock(String productId, int requested, int available) {
        return "OUT_OF_STOCK: " + productId + " (requested " + requested + ", available "
                + available + ")";
    }

    public static String unknownProduct(String productId) {
        return "UNKNOWN_PRODUCT: " + productId;
    }

    public static String fraud(String rule) {
        return "FRAUD: " + rule;
    }

    public static String timeout(CheckKind kind) {
        return "CHECK_TIMEOUT: " + kind.name();
    }
}
