package com.eventshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InMemoryPriceListTest {

    @Test
    void demoPricesTheFiftySeededProducts() {
        InMemoryPriceList prices = InMemoryPriceList.demo();

        assertThat(prices.all()).hasSize(50);
        assertThat(prices.all().keySet()).first().isEqualTo("p-001");
        assertThat(prices.priceOf("p-050")).isPresent();
        assertThat(prices.priceOf("p-001").orElseThrow().currency()).isEqualTo("EUR");
        assertThat(prices.priceOf("p-001").orElseThrow().cents()).isPositive();
        assertThat(prices.priceOf("p-051")).isEmpty();
        assertThat(prices.priceOf("")).isEmpty();
    }

    @Test
    void readsCsvWithCommentsAndHeader() throws Exception {
        String csv = "# prices\nproductId,priceCents,currency\n\nx-1, 250 ,USD\n";
        InMemoryPriceList prices = InMemoryPriceList.fromCsv(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(prices.priceOf("x-1")).contains(new Price(250, "USD"));
    }

    @Test
    void refusesMalformedLines() {
        assertThatThrownBy(() -> InMemoryPriceList.fromCsv(
                new ByteArrayInputStream("x-1,250\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
