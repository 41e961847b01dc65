package com.eventshop.shipping.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates carrier webhook calls: {@code signature = "sha256=" + hex(HMAC-SHA256(secret,
 * timestamp + "." + body))}, with the timestamp in epoch seconds. A call is refused when the
 * signature does not match, when its timestamp is further than {@code tolerance} from now
 * (either way), or when the same signature was already seen within the tolerance (a replay).
 * Seen signatures are remembered for the tolerance only: an older replay fails on its timestamp.
 */
public final class WebhookAuthenticator {

    /** Why a call was refused (each is a 401). */
    public enum Failure { MISSING_HEADERS, BAD_SIGNATURE, STALE_TIMESTAMP, REPLAYED }

    private final byte[] secret;
    private final Duration tolerance;
    /** signature → its timestamp, oldest first. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public WebhookAuthenticator(String secret, Duration tolerance) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("The carrier webhook secret must be set");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    /** The signature header value for a body at a timestamp (carriers, tests). */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empty when the call is authentic and new; it is then remembered, so the same call again is a replay. */
    public synchronized Optional<Failure> authenticate(String timestamp, String signature, String body, Instant now) {
        if (timestamp == null || signature == null || body == null) {
            return Optional.of(Failure.MISSING_HEADERS);
        }
        String expected = sign(new String(secret, StandardCharsets.UTF_8), timestamp, body);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.trim().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Failure.BAD_SIGNATURE);
        }
        Instant sentAt;
        try {
            sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException e) {
            return Optional.of(Failure.BAD_SIGNATURE);
        }
        if (Duration.between(sentAt, now).abs().compareTo(tolerance) > 0) {
            return Optional.of(Failure.STALE_TIMESTAMP);
        }
        forgetOlderThan(now.minus(tolerance));
        if (seen.putIfAbsent(expected, sentAt) != null) {
            return Optional.of(Failure.REPLAYED);
        }
        return Optional.empty();
    }

    private void forgetOlderThan(Instant limit) {
        Iterator<Map.Entry<String, Instant>> entries = seen.entrySet().iterator();
        while (entries.hasNext()) {
            if (entries.next().getValue().isBefore(limit)) {
                entries.remove();
            }
        }
    }
}
