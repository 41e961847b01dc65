package com.eventshop.inventory.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.events.InventoryChecked;
import com.eventshop.contracts.tables.Stock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Many orders with shortages, unknown products, rejections, failed payments, confirmations and
 * cancellations (some repeated, some before the order was even seen), and admin adjustments in
 * between: after every step, for every product, available + reserved + sold equals the stock
 * ever made available, no bucket is negative, and at the end nothing stays reserved.
 */
class StockInvariantTest {

    private static final int PRODUCTS = 8;

    @Test
    void stockIsNeverCreatedNorLost() {
        Random random = new Random(42);
        Map<String, Long> madeAvailable = new HashMap<>();
        int orders = 400;
        int checksExpected = 0;
        int passed = 0;
        try (InventoryDriver inv = new InventoryDriver()) {
            for (int p = 0; p < PRODUCTS; p++) {
                adjust(inv, madeAvailable, "p-" + p, 20 + random.nextInt(40));
            }
            List<String> open = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String orderId = "o-" + i;
                if (random.nextInt(20) == 0) {
                    inv.reject(orderId); // closed before inventory saw it: reserves nothing later
                } else {
                    checksExpected++;
                }
                Object[] lines = new Object[2 * (1 + random.nextInt(4))];
                for (int l = 0; l < lines.length; l += 2) {
                    lines[l] = random.nextInt(30) == 0 ? "p-unknown" : "p-" + random.nextInt(PRODUCTS);
                    lines[l + 1] = 1 + random.nextInt(6);
                }
                inv.request(orderId, lines);
                if (random.nextInt(10) == 0) {
                    inv.request(orderId, lines); // a duplicate
                }
                open.add(orderId);
                if (random.nextInt(25) == 0) {
                    adjust(inv, madeAvailable, "p-" + random.nextInt(PRODUCTS), random.nextInt(60));
                }
                // close some open orders in random ways
                while (open.size() > 15 || (!open.isEmpty() && random.nextInt(3) == 0)) {
                    close(inv, open.remove(random.nextInt(open.size())), random);
                    assertInvariant(inv, madeAvailable);
                }
                assertInvariant(inv, madeAvailable);
            }
            while (!open.isEmpty()) {
                String orderId = open.remove(0);
                if (random.nextBoolean()) {
                    inv.confirm(orderId);
                }
                inv.cancel(orderId);
                assertInvariant(inv, madeAvailable);
            }
            List<InventoryChecked> checks = inv.readChecks();
            assertThat(checks).hasSize(checksExpected);
            passed = (int) checks.stream().filter(InventoryChecked::getPassed).count();
            for (int p = 0; p < PRODUCTS; p++) {
                assertThat(inv.stock("p-" + p)[1]).as("reserved of p-%d at the end", p).isZero();
            }
        }
        assertThat(passed).as("some orders passed").isGreaterThan(50);
        assertThat(checksExpected - passed).as("some orders failed").isGreaterThan(50);
    }

    private static void close(InventoryDriver inv, String orderId, Random random) {
        switch (random.nextInt(7)) {
            case 0 -> inv.reject(orderId);
            case 1 -> inv.payment(orderId, PaymentStatus.DECLINED);
            case 2 -> inv.payment(orderId, PaymentStatus.FAILED);
            case 3 -> inv.cancel(orderId);
            case 4 -> {
                inv.payment(orderId, PaymentStatus.AUTHORIZED);
                inv.confirm(orderId);
            }
            case 5 -> {
                inv.confirm(orderId);
                inv.cancel(orderId);
            }
            default -> {
                inv.reject(orderId);
                inv.cancel(orderId);
                inv.reject(orderId);
            }
        }
        if (random.nextInt(5) == 0) {
            inv.confirm(orderId); // stray late events change nothing
            inv.cancel(orderId);
        }
    }

    private static void adjust(InventoryDriver inv, Map<String, Long> madeAvailable, String productId, int available) {
        Stock before = inv.stockStore().get(productId);
        int previous = before == null ? 0 : before.getAvailable();
        inv.setStock(productId, available);
        madeAvailable.merge(productId, (long) available - previous, Long::sum);
    }

    private static void assertInvariant(InventoryDriver inv, Map<String, Long> madeAvailable) {
        for (Map.Entry<String, Long> product : madeAvailable.entrySet()) {
            int[] s = inv.stock(product.getKey());
            assertThat(s[0]).as("available of %s", product.getKey()).isNotNegative();
            assertThat(s[1]).as("reserved of %s", product.getKey()).isNotNegative();
            assertThat(s[2]).as("sold of %s", product.getKey()).isNotNegative();
            assertThat((long) s[0] + s[1] + s[2]).as("stock of %s", product.getKey())
                    .isEqualTo(product.getValue());
        }
    }
}
