package com.eventshop.catalog.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code eventshop.catalog.*} (defaults and environment variables in catalog.properties).
 *
 * @param seedDemo demo categories, products and pictures on a start with an empty database
 */
@ConfigurationProperties("eventshop.catalog")
public record CatalogProperties(@DefaultValue("false") boolean seedDemo, @DefaultValue Images images,
                                @DefaultValue Media media, @DefaultValue Outbox outbox) {

    public record Images(@DefaultValue("10MB") DataSize maxBytes, @DefaultValue("40000000") long maxPixels,
                         @DefaultValue("160") int smallSize, @DefaultValue("600") int mediumSize) {
    }

    /**
     * @param storage        {@code local} or {@code s3}
     * @param localDir       root of the local backend
     * @param publicBaseUrl  prefix of public media URLs ({@code /media}, served by this service)
     * @param signingKey     HMAC key of signed links (local backend); empty: random per start
     * @param signedUrlTtl   how long a signed link to a private object lives
     */
    public record Media(@DefaultValue("local") String storage, @DefaultValue("./data/media") Path localDir,
                        @DefaultValue("/media") String publicBaseUrl, @DefaultValue("") String signingKey,
                        @DefaultValue("5m") Duration signedUrlTtl, @DefaultValue S3 s3) {
    }

    /**
     * @param endpoint     S3 endpoint override (any S3-compatible store); empty: AWS
     * @param pathStyle    path-style addressing ({@code endpoint/bucket/key}), usual for non-AWS stores
     * @param accessKey    static credentials; empty: the AWS default credentials chain
     * @param createBucket create the bucket at start when it is missing
     */
    public record S3(@DefaultValue("") String endpoint, @DefaultValue("us-east-1") String region,
                     @DefaultValue("eventshop-media") String bucket, @DefaultValue("true") boolean pathStyle,
                     @DefaultValue("") String accessKey, @DefaultValue("") String secretKey,
                     @DefaultValue("true") boolean createBucket) {
    }

    /**
     * @param enabled      whether this instance relays the outbox to Kafka
     * @param pollInterval how often an idle relay looks for changes
     */
    public record Outbox(@DefaultValue("true") boolean enabled, @DefaultValue("100ms") Duration pollInterval,
                         @DefaultValue("500") int batchSize, @DefaultValue("10s") Duration sendTimeout) {
    }
}
