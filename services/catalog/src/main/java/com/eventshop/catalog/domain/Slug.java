package com.eventshop.catalog.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A URL-safe name: lower-case letters and digits in words joined by single hyphens, 1..100
 * characters, e.g. {@code running-shoes}. Categories and products are unique by slug.
 */
public record Slug(String value) {

    public static final int MAX_LENGTH = 100;
    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Slug {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a slug: '" + value
                    + "' (lower-case letters and digits joined by single hyphens, at most " + MAX_LENGTH + ")");
        }
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && VALID.matcher(value).matches();
    }

    /** A slug made from a display name: accents dropped, anything else becomes a hyphen. */
    public static Slug from(String name) {
        String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-$", "");
        }
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("no slug can be made from '" + name + "'");
        }
        return new Slug(slug);
    }

    @Override
    public String toString() {
        return value;
    }
}
