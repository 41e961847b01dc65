package com.eventshop.search.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the previous page ended, for deep paging with search-after: the last hit's sort key and
 * its id (the tie-breaker every order ends with). Opaque to clients (base64url).
 *
 * @param sort  the order it belongs to (a cursor of another order is refused)
 * @param key   the sort key: a score (float bits), a price in cents or a timestamp
 * @param id    the last hit's unique id
 */
public record Cursor(SortOrder sort, long key, String id) {

    public String encode() {
        String plain = sort.id() + "|" + key + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text, SortOrder expected) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 3);
            SortOrder sort = SortOrder.parse(parts[0]).orElseThrow();
            if (sort != expected || parts.length != 3) {
                throw new IllegalArgumentException("cursor of another order");
            }
            return new Cursor(sort, Long.parseLong(parts[1]), parts[2]);
        } catch (RuntimeException e) {
            throw new InvalidSearchException("after", "after is not a cursor of this search (take \"next\" of the "
                    + "previous page, with the same sort)");
        }
    }

    public static Cursor ofScore(float score, String id) {
        return new Cursor(SortOrder.RELEVANCE, Float.floatToIntBits(score), id);
    }

    public float score() {
        return Float.intBitsToFloat((int) key);
    }
}
