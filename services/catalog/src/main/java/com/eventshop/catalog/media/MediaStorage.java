package com.eventshop.catalog.media;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the catalog keeps media objects: the local filesystem or an S3-compatible store, chosen
 * by {@code eventshop.catalog.media.storage}. Public objects (product images) are served by
 * plain URLs; private ones only by short-lived signed URLs.
 */
public interface MediaStorage {

    enum Visibility { PUBLIC, PRIVATE }

    /** An object as read back. */
    record StoredObject(byte[] content, String contentType) {
    }

    /**
     * Stores a new object. Keys are never reused: writing to a key that exists fails with
     * {@link ObjectExistsException} rather than overwriting it.
     */
    void put(String key, byte[] content, String contentType, Visibility visibility);

    Optional<StoredObject> get(String key, Visibility visibility);

    /** Removes the object; a missing one is not an error. */
    void delete(String key, Visibility visibility);

    /**
     * A link to a private object valid for {@code ttl}: an HMAC-signed URL answered by this
     * service (local) or an S3 presigned URL (S3).
     */
    URI signedUrl(String key, Duration ttl);

    /** Thrown when a key is already taken. */
    final class ObjectExistsException extends RuntimeException {
        public ObjectExistsException(String key) {
            super("object exists: " + key);
        }
    }
}
