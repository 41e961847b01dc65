package com.eventshop.accounts.domain;

import java.time.Instant;

/**
 * A stored refresh token and what presenting it means. Refresh tokens rotate: each one works
 * once. A token presented again after it was used is a sign it was stolen (either the thief or
 * the user used it first), so the whole family (every token descended from that login) is
 * revoked and both must log in again.
 */
public record RefreshTokenState(String userId, String familyId, Instant expiresAt, Instant usedAt, Instant revokedAt) {

    public enum Verdict { VALID, EXPIRED, REVOKED, REUSED }

    public Verdict verdict(Instant now) {
        if (revokedAt != null) {
            return Verdict.REVOKED;
        }
        if (usedAt != null) {
            return Verdict.REUSED;
        }
        if (!expiresAt.isAfter(now)) {
            return Verdict.EXPIRED;
        }
        return Verdict.VALID;
    }
}
