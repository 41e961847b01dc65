package com.eventshop.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoStockTest {

    @Test
    void demoStockCoversTheDemoCatalogue() {
        var entries = DemoStock.load();
        assertThat(entries).hasSize(50);
        assertThat(entries.get(0)).isEqualTo(new DemoStock.Entry("p-001", 1000));
        assertThat(entries.get(49).productId()).isEqualTo("p-050");
        assertThat(entries).allMatch(e -> e.available() > 0);
    }

    @Test
    void parsesAndRejectsBadLines() {
        assertThat(DemoStock.parse("# c\nproductId,available\n\nx, 3\n")).containsExactly(new DemoStock.Entry("x", 3));
        assertThatThrownBy(() -> DemoStock.parse("x,-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoStock.parse("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
