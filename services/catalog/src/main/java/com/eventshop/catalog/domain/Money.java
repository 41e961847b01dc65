package com.eventshop.catalog.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * A price as a decimal amount in an ISO 4217 currency, e.g. 12.99 EUR. The amount may not be
 * negative nor have more decimals than the currency uses; events carry it in minor units.
 */
public record Money(BigDecimal amount, String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Currency iso;
        try {
            iso = Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency '" + currency + "' (an ISO 4217 code such as EUR)");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("a price cannot be negative: " + amount);
        }
        int digits = Math.max(iso.getDefaultFractionDigits(), 0);
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException(currency + " prices have at most " + digits + " decimals: " + amount);
        }
        if (amount.compareTo(new BigDecimal("9999999999.99")) > 0) {
            throw new IllegalArgumentException("price too large: " + amount);
        }
        amount = amount.setScale(digits);
    }

    public static Money ofMinor(long minorUnits, String currency) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return new Money(BigDecimal.valueOf(minorUnits, digits), currency);
    }

    /** The amount in minor units (cents for EUR). */
    public long minorUnits() {
        return amount.movePointRight(amount.scale()).longValueExact();
    }
}
