package com.eventshop.catalog.domain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo catalog: categories and products from {@code demo/categories.csv} and
 * {@code demo/products.csv} (product ids p-001..p-050 with the prices orders and inventory
 * were seeded with), and a picture for each product drawn with Java2D.
 */
public final class DemoCatalog {

    public record DemoCategory(String slug, String name) {
    }

    public record DemoProduct(String id, long priceCents, String currency, String categorySlug, String name) {

        public String sku() {
            return "SKU-" + id.toUpperCase(java.util.Locale.ROOT);
        }

        public String description() {
            return "A demo " + name.toLowerCase(java.util.Locale.ROOT) + " from the Eventshop catalog.";
        }
    }

    private DemoCatalog() {
    }

    public static List<DemoCategory> categories() {
        return lines("demo/categories.csv").stream().map(c -> new DemoCategory(c[0], c[1])).toList();
    }

    public static List<DemoProduct> products() {
        return lines("demo/products.csv").stream()
                .map(c -> new DemoProduct(c[0], Long.parseLong(c[1]), c[2], c[3], c[4])).toList();
    }

    /** A square PNG: a colour per category, the product's initials and name. */
    public static byte[] picture(DemoProduct product, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            float hue = (Math.abs(product.categorySlug().hashCode()) % 360) / 360f;
            Color base = Color.getHSBColor(hue, 0.45f, 0.85f);
            g.setPaint(new GradientPaint(0, 0, base.brighter(), size, size, base.darker()));
            g.fillRect(0, 0, size, size);
            // A simple shape that differs per product.
            int n = Integer.parseInt(product.id().replaceAll("\\D", "").isEmpty() ? "0" : product.id().replaceAll("\\D", ""));
            g.setColor(new Color(255, 255, 255, 90));
            g.setStroke(new BasicStroke(size / 40f));
            int r = size / 3;
            switch (n % 3) {
                case 0 -> g.fillOval(size / 2 - r, size / 2 - r, 2 * r, 2 * r);
                case 1 -> g.fillRoundRect(size / 2 - r, size / 2 - r, 2 * r, 2 * r, r / 2, r / 2);
                default -> g.fillPolygon(new int[] {size / 2, size / 2 + r, size / 2 - r},
                        new int[] {size / 2 - r, size / 2 + r, size / 2 + r}, 3);
            }
            g.setColor(Color.WHITE);
            String initials = initials(product.name());
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size / 4));
            center(g, initials, size / 2 + size / 12, size);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size / 16));
            center(g, product.name(), size - size / 10, size);
            return Thumbnails.encode(image, "png");
        } finally {
            g.dispose();
        }
    }

    private static void center(Graphics2D g, String text, int baseline, int size) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, Math.max(4, (size - metrics.stringWidth(text)) / 2), baseline);
    }

    private static String initials(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split("[\\s-]+")) {
            if (!word.isEmpty() && Character.isLetterOrDigit(word.charAt(0)) && out.length() < 2) {
                out.append(Character.toUpperCase(word.charAt(0)));
            }
        }
        return out.toString();
    }

    private static List<String[]> lines(String resource) {
        try (InputStream in = DemoCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing class path resource " + resource);
            }
            List<String[]> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.strip().split(",", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
