package com.eventshop.ops.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The newest items, at most a fixed number, newest first. Thread-safe. */
public final class RecentItems<T> {

    private final int capacity;
    private final Deque<T> items = new ArrayDeque<>();

    public RecentItems(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public synchronized void add(T item) {
        items.addFirst(item);
        while (items.size() > capacity) {
            items.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<T> newest(int limit) {
        return new ArrayList<>(items).subList(0, Math.min(limit, items.size()));
    }
}
