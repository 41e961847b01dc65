package com.eventshop.accounts.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which signing keys exist and what each is for. The newest unretired key signs new tokens.
 * A retired key signs nothing but stays published in the JWKS until every token it signed has
 * expired (retirement + token lifetime + clock skew), so rotating keys logs nobody out; after
 * that it can be deleted.
 */
public final class KeyRing {

    /** Allowance for clocks of verifying services running a little behind. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** What the ring knows of a key (the key material itself lives elsewhere). */
    public record KeyInfo(String kid, Instant createdAt, Instant retiredAt) {
        boolean retired() {
            return retiredAt != null;
        }
    }

    private final List<KeyInfo> keys;
    private final Duration tokenLifetime;

    public KeyRing(List<KeyInfo> keys, Duration tokenLifetime) {
        this.keys = List.copyOf(keys);
        this.tokenLifetime = tokenLifetime;
    }

    /** The key that signs now: the newest unretired one. */
    public Optional<KeyInfo> signingKey() {
        return keys.stream().filter(k -> !k.retired()).max(Comparator.comparing(KeyInfo::createdAt));
    }

    /** Keys verifiers must know: every unretired key, and retired keys whose tokens may still be valid. */
    public List<KeyInfo> published(Instant now) {
        return keys.stream().filter(k -> !k.retired() || !expired(k, now)).toList();
    }

    /** Retired keys no valid token can carry any more. */
    public List<KeyInfo> deletable(Instant now) {
        return keys.stream().filter(k -> k.retired() && expired(k, now)).toList();
    }

    /** True when there is no signing key, or it has signed for longer than the rotation interval. */
    public boolean needsRotation(Instant now, Duration rotationInterval) {
        return signingKey().map(k -> !k.createdAt().plus(rotationInterval).isAfter(now)).orElse(true);
    }

    private boolean expired(KeyInfo key, Instant now) {
        return !key.retiredAt().plus(tokenLifetime).plus(CLOCK_SKEW).isAfter(now);
    }
}
