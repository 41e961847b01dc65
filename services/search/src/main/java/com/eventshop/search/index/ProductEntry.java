package com.eventshop.search.index;

/** A product as the index keeps it (enough to rebuild its document when its category is renamed). */
record ProductEntry(String id, String sku, String slug, String name, String description, long priceCents,
                    String currency, String categorySlug, String imageUrl, long updated) {
}
