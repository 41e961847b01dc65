package com.eventshop.catalog.media;

import java.util.regex.Pattern;

/** Object keys: relative, '/'-separated segments of safe characters, never '..'. */
public final class MediaKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private MediaKeys() {
    }

    public static boolean isValid(String key) {
        if (key == null || key.isEmpty() || key.length() > 1024) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
                return false;
            }
        }
        return true;
    }

    public static String require(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
        return key;
    }
}
