package com.eventshop.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.inventory.domain.ReservationOutcome.Result;
import org.junit.jupiter.api.Test;

class StockBookTest {

    private final StockLevel stock = new StockLevel("p", 5, 0, 0);

    @Test
    void reserveAnswersReservedShortOrUnknown() {
        StockBook.Applied ok = StockBook.apply(stock, StockInstruction.reserve("o", "p", 5));
        assertThat(ok.updated()).contains(new StockLevel("p", 0, 5, 0));
        assertThat(ok.outcome().orElseThrow().result()).isEqualTo(Result.RESERVED);

        StockBook.Applied shortage = StockBook.apply(stock, StockInstruction.reserve("o", "p", 6));
        assertThat(shortage.updated()).isEmpty();
        assertThat(shortage.outcome().orElseThrow()).isEqualTo(new ReservationOutcome("o", "p", 6, Result.SHORT, 5));

        StockBook.Applied unknown = StockBook.apply(null, StockInstruction.reserve("o", "x", 1));
        assertThat(unknown.outcome().orElseThrow().result()).isEqualTo(Result.UNKNOWN_PRODUCT);
    }

    @Test
    void releaseSellRestockMoveUnits() {
        StockLevel reserved = new StockLevel("p", 1, 4, 0);
        assertThat(StockBook.apply(reserved, StockInstruction.release("o", "p", 4)).updated())
                .contains(new StockLevel("p", 5, 0, 0));
        assertThat(StockBook.apply(reserved, StockInstruction.sell("o", "p", 4)).updated())
                .contains(new StockLevel("p", 1, 0, 4));
        assertThat(StockBook.apply(new StockLevel("p", 1, 0, 4), StockInstruction.restock("o", "p", 4)).updated())
                .contains(new StockLevel("p", 5, 0, 0));
    }

    @Test
    void anomaliesAreReported() {
        assertThat(StockBook.apply(null, StockInstruction.release("o", "x", 1)).anomaly()).isPresent();
        assertThat(StockBook.apply(stock, StockInstruction.release("o", "p", 1)).anomaly()).isPresent();
        assertThat(StockBook.apply(stock, StockInstruction.sell("o", "p", 0)).anomaly()).isPresent();
    }

    @Test
    void adjustCreatesUnknownProducts() {
        assertThat(StockBook.adjust(null, "n", 7)).isEqualTo(new StockLevel("n", 7, 0, 0));
        assertThat(StockBook.adjust(new StockLevel("n", 1, 2, 3), "n", 7)).isEqualTo(new StockLevel("n", 7, 2, 3));
    }
}
