package com.eventshop.catalog.domain;

/**
 * One image of a product: the original and its small and medium thumbnails, each an object
 * under its own never-reused key.
 */
public record ProductImage(String id, String productId, int position, boolean primary, String contentType,
                           int width, int height, long sizeBytes, String sha256, String fileName,
                           String originalKey, String smallKey, String mediumKey) {
}
