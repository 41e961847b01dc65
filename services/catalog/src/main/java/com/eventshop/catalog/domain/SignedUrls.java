package com.eventshop.catalog.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived links to private objects: HMAC-SHA256 over the object key and the expiry time.
 * A link is valid until it expires, and only for the key it was made for.
 */
public final class SignedUrls {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;
    private final Clock clock;

    public SignedUrls(byte[] secret, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a signing key needs at least 16 bytes");
        }
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** What goes in the link besides the key. */
    public record Signature(long expiresEpochSecond, String signature) {
    }

    public enum Verdict { VALID, EXPIRED, BAD_SIGNATURE }

    public Signature sign(String key, Instant expiresAt) {
        return new Signature(expiresAt.getEpochSecond(), mac(key, expiresAt.getEpochSecond()));
    }

    public Verdict verify(String key, long expiresEpochSecond, String signature) {
        byte[] expected = mac(key, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature == null ? new byte[0] : signature.getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Verdict.BAD_SIGNATURE;
        }
        return clock.instant().getEpochSecond() >= expiresEpochSecond ? Verdict.EXPIRED : Verdict.VALID;
    }

    private String mac(String key, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            byte[] digest = mac.doFinal((key + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
