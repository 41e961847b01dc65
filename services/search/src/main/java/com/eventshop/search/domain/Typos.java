package com.eventshop.search.domain;

/** How many spelling mistakes a query word may have and still match: none, 1 from 5 letters, 2 from 9. */
public final class Typos {

    public static final int ONE_EDIT_FROM = 5;
    public static final int TWO_EDITS_FROM = 9;

    private Typos() {
    }

    public static int maxEdits(String word) {
        int letters = word.codePointCount(0, word.length());
        if (letters >= TWO_EDITS_FROM) {
            return 2;
        }
        return letters >= ONE_EDIT_FROM ? 1 : 0;
    }
}
