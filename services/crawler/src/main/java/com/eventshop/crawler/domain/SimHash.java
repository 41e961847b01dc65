package com.eventshop.crawler.domain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * 64-bit SimHash of a text's word shingles: near-identical texts get fingerprints a few bits
 * apart. Two pages whose fingerprints differ in at most {@link #NEAR} bits are near-duplicates.
 * Split into four 16-bit bands, two such fingerprints always share at least one band exactly,
 * which is how candidates are looked up without comparing against every page.
 */
public final class SimHash {

    public static final int NEAR = 3;
    public static final int BANDS = 4;

    private SimHash() {
    }

    public static long of(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        // distinct shingles: boilerplate repeated on a page ("more", "link") does not outweigh its content
        java.util.Set<Long> shingles = new java.util.HashSet<>();
        for (int i = 0; i < words.length; i++) {
            String shingle = i + 1 < words.length ? words[i] + " " + words[i + 1] : words.length == 1 ? words[0] : "";
            if (!shingle.isBlank()) {
                shingles.add(fnv(shingle));
            }
        }
        if (shingles.isEmpty()) {
            return 0;
        }
        int[] weights = new int[64];
        for (long h : shingles) {
            for (int bit = 0; bit < 64; bit++) {
                weights[bit] += ((h >>> bit) & 1) == 1 ? 1 : -1;
            }
        }
        long hash = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (weights[bit] > 0) {
                hash |= 1L << bit;
            }
        }
        return hash;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    public static boolean near(long a, long b) {
        return distance(a, b) <= NEAR;
    }

    /** Band {@code i} (0..3) of a fingerprint. */
    public static int band(long hash, int i) {
        return (int) ((hash >>> (16 * i)) & 0xffff);
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        // a final mix: FNV's high bits alone are weak for short strings
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
