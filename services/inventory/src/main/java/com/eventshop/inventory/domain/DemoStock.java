package com.eventshop.inventory.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo stock published on first start of a demo installation: one line per product
 * ({@code productId,available}) in the resource {@code demo/stock.csv}. The orders service
 * prices the same product ids.
 */
public final class DemoStock {

    public static final String RESOURCE = "demo/stock.csv";

    /** Available stock of one product. */
    public record Entry(String productId, int available) {
    }

    private DemoStock() {
    }

    public static List<Entry> load() {
        try (InputStream in = DemoStock.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code productId,available} lines; blank lines, {@code #} comments and a header are skipped. */
    public static List<Entry> parse(String csv) {
        List<Entry> entries = new ArrayList<>();
        int number = 0;
        for (String raw : csv.lines().toList()) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("productId")) {
                continue;
            }
            String[] parts = line.split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("Line " + number + ": expected productId,available: " + raw);
            }
            int available = Integer.parseInt(parts[1].strip());
            if (available < 0) {
                throw new IllegalArgumentException("Line " + number + ": negative stock: " + raw);
            }
            entries.add(new Entry(parts[0].strip(), available));
        }
        return List.copyOf(entries);
    }
}
