package com.eventshop.catalog.media;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Media in an S3-compatible bucket (AWS SDK v2). Public and private objects share the bucket
 * under the prefixes {@code public/} and {@code private/}; the bucket itself stays private and
 * this service serves public objects (or a CDN in front of the {@code public/} prefix does).
 * Private objects are read through presigned GET URLs.
 */
public final class S3MediaStorage implements MediaStorage {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3MediaStorage(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /** Creates the bucket when it does not exist (development and tests). */
    public void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void put(String key, byte[] content, String contentType, Visibility visibility) {
        String objectKey = objectKey(key, visibility);
        // Keys come with a random id, so a clash is a bug; checked anyway because S3 would
        // silently overwrite (not every S3-compatible store honours If-None-Match on PUT).
        if (exists(objectKey)) {
            throw new ObjectExistsException(key);
        }
        s3.putObject(b -> b.bucket(bucket).key(objectKey).contentType(contentType), RequestBody.fromBytes(content));
    }

    @Override
    public Optional<StoredObject> get(String key, Visibility visibility) {
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey(key, visibility)));
            return Optional.of(new StoredObject(bytes.asByteArray(), bytes.response().contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key, Visibility visibility) {
        s3.deleteObject(b -> b.bucket(bucket).key(objectKey(key, visibility)));
    }

    @Override
    public URI signedUrl(String key, Duration ttl) {
        String objectKey = objectKey(key, Visibility.PRIVATE);
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(objectKey))).url().toString());
    }

    private boolean exists(String objectKey) {
        try {
            s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(objectKey).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static String objectKey(String key, Visibility visibility) {
        return (visibility == Visibility.PUBLIC ? "public/" : "private/") + MediaKeys.require(key);
    }
}
