package com.eventshop.gateway.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from what is logged: values of password/token/secret/card fields in JSON and
 * query strings, anything shaped like a JWT or an Eventshop opaque token, and card numbers
 * (13 to 19 digits, spaces or dashes allowed). Then cuts to a length.
 */
public final class Redactor {

    private static final String SECRET_NAMES =
            "[A-Za-z_]*(?:password|passwd|token|secret|authorization|card[A-Za-z_]*|cvv|cvc|pan)[A-Za-z_]*";
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\"" + SECRET_NAMES + "\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUERY_PARAM = Pattern.compile(
            "((?:^|[?&])" + SECRET_NAMES + "=)[^&]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern OPAQUE = Pattern.compile("es[kr]_[A-Za-z0-9_-]+");
    private static final Pattern CARD = Pattern.compile("(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])");
    public static final String REDACTED = "[REDACTED]";

    private Redactor() {
    }

    public static String body(String text, int maxChars) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = JSON_FIELD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + REDACTED + "\""));
        redacted = scrub(redacted);
        return redacted.length() > maxChars ? redacted.substring(0, maxChars) + "…(truncated)" : redacted;
    }

    public static String query(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        return scrub(QUERY_PARAM.matcher(query).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED)));
    }

    private static String scrub(String text) {
        String out = JWT.matcher(text).replaceAll(REDACTED);
        out = OPAQUE.matcher(out).replaceAll(REDACTED);
        return CARD.matcher(out).replaceAll(REDACTED);
    }
}
