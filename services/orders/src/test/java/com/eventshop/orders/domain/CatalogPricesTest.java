package com.eventshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogPricesTest {

    @Test
    void changesApplyOnlyWithAHigherVersion() {
        CatalogPrices prices = new CatalogPrices();
        assertThat(prices.apply("p-1", 1, new Price(1000, "EUR"))).isTrue();
        assertThat(prices.apply("p-1", 1, new Price(1000, "EUR"))).isFalse(); // duplicate
        assertThat(prices.apply("p-1", 3, new Price(1200, "EUR"))).isTrue();
        assertThat(prices.apply("p-1", 2, new Price(1100, "EUR"))).isFalse(); // late, older
        assertThat(prices.priceOf("p-1")).contains(new Price(1200, "EUR"));
    }

    @Test
    void unknownDeletedAndInactiveProductsHaveNoPriceAndADeleteIsNotUndoneByAReplay() {
        CatalogPrices prices = new CatalogPrices();
        assertThat(prices.priceOf("p-9")).isEmpty();
        prices.apply("p-1", 1, new Price(1000, "EUR"));
        prices.apply("p-1", 2, null); // inactive or deleted
        assertThat(prices.priceOf("p-1")).isEmpty();
        assertThat(prices.apply("p-1", 1, new Price(1000, "EUR"))).isFalse();
        assertThat(prices.priceOf("p-1")).isEmpty();
        assertThat(prices.versionOf("p-1")).isEqualTo(2);
    }
}
