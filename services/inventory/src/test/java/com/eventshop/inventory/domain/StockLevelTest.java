package com.eventshop.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StockLevelTest {

    @Test
    void movesUnitsBetweenBucketsKeepingTheTotal() {
        StockLevel s = StockLevel.empty("p").withAvailable(10);
        s = s.reserve(4);
        assertThat(s).isEqualTo(new StockLevel("p", 6, 4, 0));
        s = s.sell(3);
        assertThat(s).isEqualTo(new StockLevel("p", 6, 1, 3));
        s = s.release(1);
        assertThat(s).isEqualTo(new StockLevel("p", 7, 0, 3));
        s = s.restock(3);
        assertThat(s).isEqualTo(new StockLevel("p", 10, 0, 0));
        assertThat(s.total()).isEqualTo(10);
    }

    @Test
    void adjustingSetsOnlyAvailable() {
        StockLevel s = new StockLevel("p", 5, 2, 3).withAvailable(1);
        assertThat(s).isEqualTo(new StockLevel("p", 1, 2, 3));
        assertThatThrownBy(() -> s.withAvailable(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reservesOnlyWhatIsAvailable() {
        StockLevel s = new StockLevel("p", 3, 0, 0);
        assertThat(s.canReserve(3)).isTrue();
        assertThat(s.canReserve(4)).isFalse();
        assertThat(s.canReserve(0)).isFalse();
        assertThatThrownBy(() -> s.reserve(4)).isInstanceOf(IllegalStateException.class);
    }
}
