package com.eventshop.orders.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A fixed price list held in memory. {@link #demo()} loads the demo catalog's prices
 * ({@code p-001}..{@code p-050}) from {@code demo/prices.csv} on the class path: the same
 * product ids inventory seeds with stock.
 */
public final class InMemoryPriceList implements PriceList {

    public static final String DEMO_RESOURCE = "demo/prices.csv";

    private final Map<String, Price> prices;

    public InMemoryPriceList(Map<String, Price> prices) {
        this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }

    public static InMemoryPriceList demo() {
        try (InputStream in = InMemoryPriceList.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing class path resource " + DEMO_RESOURCE);
            }
            return fromCsv(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code productId,priceCents,currency} lines; blank lines, {@code #} comments and a
     * header line starting with {@code productId} are skipped.
     */
    public static InMemoryPriceList fromCsv(InputStream in) throws IOException {
        Map<String, Price> prices = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("productId")) {
                continue;
            }
            String[] cells = trimmed.split(",");
            if (cells.length != 3) {
                throw new IllegalArgumentException("line " + number + ": expected productId,priceCents,currency");
            }
            prices.put(cells[0].strip(),
                    new Price(Long.parseLong(cells[1].strip()), cells[2].strip()));
        }
        return new InMemoryPriceList(prices);
    }

    @Override
    public Optional<Price> priceOf(String productId) {
        return Optional.ofNullable(prices.get(productId));
    }

    public Map<String, Price> all() {
        return prices;
    }
}
