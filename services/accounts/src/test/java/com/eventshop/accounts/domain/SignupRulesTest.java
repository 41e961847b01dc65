package com.eventshop.accounts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignupRulesTest {

    @Test
    void acceptsAGoodSignUp() {
        assertThat(SignupRules.check("Ada@Example.org", "correct horse battery", "Ada")).isEmpty();
        assertThat(SignupRules.normaliseEmail(" Ada@Example.org ")).isEqualTo("ada@example.org");
    }

    @Test
    void refusesMalformedEmailsAndWeakPasswords() {
        assertThat(SignupRules.check("ada.example.org", "correct horse battery", "Ada"))
                .extracting(SignupRules.Violation::field).containsExactly("email");
        assertThat(SignupRules.checkPassword("short", null)).isNotEmpty();
        assertThat(SignupRules.checkPassword("aaaaaaaaaaaa", null)).isNotEmpty();
        assertThat(SignupRules.checkPassword("mypassword99", null)).isNotEmpty();
        assertThat(SignupRules.checkPassword("ada-lovelace-1815", "ada-lovelace@example.org")).isNotEmpty();
        assertThat(SignupRules.checkPassword("é".repeat(40), null)).isNotEmpty(); // 80 bytes: over BCrypt's 72
    }

    @Test
    void aRefreshTokenWorksOnceAndReuseIsRecognised() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(new RefreshTokenState("u", "f", now.plusSeconds(60), null, null).verdict(now))
                .isEqualTo(RefreshTokenState.Verdict.VALID);
        assertThat(new RefreshTokenState("u", "f", now.plusSeconds(60), now, null).verdict(now))
                .isEqualTo(RefreshTokenState.Verdict.REUSED);
        assertThat(new RefreshTokenState("u", "f", now, null, null).verdict(now))
                .isEqualTo(RefreshTokenState.Verdict.EXPIRED);
        assertThat(new RefreshTokenState("u", "f", now.plusSeconds(60), null, now).verdict(now))
                .isEqualTo(RefreshTokenState.Verdict.REVOKED);
        assertThat(OpaqueTokens.hash("esk_x")).hasSize(64).isNotEqualTo(OpaqueTokens.hash("esk_y"));
    }
}
