package com.eventshop.accounts.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a sign-up must satisfy: a plausible email, a password that is not weak, a name. */
public final class SignupRules {

    /** BCrypt reads at most 72 bytes; longer passwords would be silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final List<String> COMMON = List.of("password", "1234567890", "qwertyuiop", "eventshop",
            "letmein", "welcome", "abcdefghij");

    private SignupRules() {
    }

    /** One broken rule: the field and what is wrong. */
    public record Violation(String field, String message) {
    }

    public static String normaliseEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    public static List<Violation> check(String email, String password, String name) {
        List<Violation> violations = new ArrayList<>();
        String normalised = normaliseEmail(email);
        if (normalised == null || normalised.length() > 254 || !EMAIL.matcher(normalised).matches()) {
            violations.add(new Violation("email", "is not an email address"));
        }
        violations.addAll(checkPassword(password, normalised));
        if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation("name", "must be 1 to 100 characters"));
        }
        return violations;
    }

    public static List<Violation> checkPassword(String password, String email) {
        List<Violation> violations = new ArrayList<>();
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            violations.add(new Violation("password", "must have at least " + MIN_PASSWORD_LENGTH + " characters"));
            return violations;
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            violations.add(new Violation("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes"));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.chars().distinct().count() < 4 || COMMON.stream().anyMatch(lower::contains)
                || (email != null && lower.contains(email.split("@")[0]))) {
            violations.add(new Violation("password", "is too easy to guess"));
        }
        return violations;
    }
}
