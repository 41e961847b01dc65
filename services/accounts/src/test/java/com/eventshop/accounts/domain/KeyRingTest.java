package com.eventshop.accounts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration TTL = Duration.ofMinutes(5);

    @Test
    void theNewestUnretiredKeySignsAndRetiredKeysStayUntilTheirTokensExpired() {
        KeyRing ring = new KeyRing(List.of(
                new KeyRing.KeyInfo("old", T0, T0.plusSeconds(3600)),
                new KeyRing.KeyInfo("new", T0.plusSeconds(3600), null)), TTL);
        assertThat(ring.signingKey()).map(KeyRing.KeyInfo::kid).hasValue("new");
        Instant soonAfter = T0.plusSeconds(3600).plus(TTL);
        assertThat(ring.published(soonAfter)).extracting(KeyRing.KeyInfo::kid).containsExactly("old", "new");
        Instant later = soonAfter.plus(KeyRing.CLOCK_SKEW).plusSeconds(1);
        assertThat(ring.published(later)).extracting(KeyRing.KeyInfo::kid).containsExactly("new");
        assertThat(ring.deletable(later)).extracting(KeyRing.KeyInfo::kid).containsExactly("old");
    }

    @Test
    void rotationIsDueAfterTheIntervalOrWithoutAKey() {
        assertThat(new KeyRing(List.of(), TTL).needsRotation(T0, Duration.ofDays(1))).isTrue();
        KeyRing ring = new KeyRing(List.of(new KeyRing.KeyInfo("k", T0, null)), TTL);
        assertThat(ring.needsRotation(T0.plus(Duration.ofHours(23)), Duration.ofDays(1))).isFalse();
        assertThat(ring.needsRotation(T0.plus(Duration.ofDays(1)), Duration.ofDays(1))).isTrue();
    }
}
