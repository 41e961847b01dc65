package com.eventshop.orders.domain;

import java.util.Objects;

/**
 * A unit price in minor units of its currency.
 *
 * @param cents    price of one unit, e.g. 1299 for 12.99
 * @param currency ISO 4217 code, e.g. EUR
 */
public record Price(long cents, String currency) {

    public Price {
        Objects.requireNonNull(currency, "currency");
        if (cents < 0) {
            throw new IllegalArgumentException("negative price " + cents);
        }
    }
}
