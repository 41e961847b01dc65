package com.eventshop.catalog.domain;

/** A category as stored: unique slug, display name, optional parent (by slug), version. */
public record Category(String id, String slug, String name, String parentSlug, long version) {
}
