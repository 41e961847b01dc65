package com.eventshop.accounts.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque tokens (refresh tokens, API tokens): 256 random bits behind a prefix that says what
 * they are ({@code esr_} refresh, {@code esk_} API key). Only their SHA-256 is stored: a
 * database leak gives no usable token, and the random part is too long to guess, so a plain
 * hash (not a slow password hash) is enough.
 */
public final class OpaqueTokens {

    public static final String REFRESH_PREFIX = "esr_";
    public static final String API_TOKEN_PREFIX = "esk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueTokens() {
    }

    public static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares secrets in constant time (by their hashes). */
    public static boolean sameSecret(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(a).getBytes(StandardCharsets.UTF_8), hash(b).getBytes(StandardCharsets.UTF_8));
    }
}
