package com.eventshop.catalog.config;

import com.eventshop.catalog.domain.ImageCheck;
import com.eventshop.catalog.domain.SignedUrls;
import com.eventshop.catalog.media.LocalMediaStorage;
import com.eventshop.catalog.media.MediaStorage;
import com.eventshop.catalog.media.MediaUrls;
import com.eventshop.catalog.media.ProductImages;
import com.eventshop.catalog.media.S3MediaStorage;
import com.eventshop.catalog.outbox.CatalogEvents;
import com.eventshop.catalog.outbox.Outbox;
import com.eventshop.catalog.outbox.OutboxPoller;
import com.eventshop.catalog.outbox.OutboxRelay;
import com.eventshop.catalog.store.CatalogStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import tools.jackson.databind.json.JsonMapper;

/** Wires the store, the outbox relay, media storage and images of the catalog service. */
@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

    @Bean
    Clock catalogClock() {
        return Clock.systemUTC();
    }

    @Bean
    MediaUrls mediaUrls(CatalogProperties properties) {
        return new MediaUrls(properties.media().publicBaseUrl());
    }

    @Bean
    CatalogEvents catalogEvents(MediaUrls urls) {
        return new CatalogEvents(urls);
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, CatalogEvents events) {
        return new Outbox(jdbc, events);
    }

    @Bean
    CatalogStore catalogStore(JdbcClient jdbc, TransactionTemplate tx, Outbox outbox, JsonMapper json) {
        return new CatalogStore(jdbc, tx, outbox, json);
    }

    /** The storage backend named by {@code eventshop.catalog.media.storage}. */
    @Bean
    MediaStorage mediaStorage(CatalogProperties properties, Clock clock) {
        CatalogProperties.Media media = properties.media();
        return switch (media.storage().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "local" -> new LocalMediaStorage(media.localDir(), new SignedUrls(signingKey(media), clock), clock,
                    "/media-private");
            case "s3" -> s3Storage(media.s3());
            default -> throw new IllegalStateException("eventshop.catalog.media.storage must be local or s3, not '"
                    + media.storage() + "'");
        };
    }

    private static byte[] signingKey(CatalogProperties.Media media) {
        if (media.signingKey() == null || media.signingKey().isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        return media.signingKey().getBytes(StandardCharsets.UTF_8);
    }

    private static S3MediaStorage s3Storage(CatalogProperties.S3 s3) {
        AwsCredentialsProvider credentials = s3.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
        // Plain signed payloads and checksums only where S3 requires them: the SDK's default
        // aws-chunked uploads with CRC trailers are not understood by every S3-compatible store.
        S3Configuration serviceConfig = S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle())
                .chunkedEncodingEnabled(false).build();
        var client = S3Client.builder().region(Region.of(s3.region())).credentialsProvider(credentials)
                .serviceConfiguration(serviceConfig).httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presigner = S3Presigner.builder().region(Region.of(s3.region())).credentialsProvider(credentials)
                .serviceConfiguration(serviceConfig);
        if (!s3.endpoint().isBlank()) {
            client.endpointOverride(URI.create(s3.endpoint()));
            presigner.endpointOverride(URI.create(s3.endpoint()));
        }
        S3MediaStorage storage = new S3MediaStorage(client.build(), presigner.build(), s3.bucket());
        if (s3.createBucket()) {
            storage.ensureBucket();
        }
        return storage;
    }

    @Bean
    ProductImages productImages(CatalogStore store, MediaStorage storage, CatalogProperties properties) {
        CatalogProperties.Images images = properties.images();
        return new ProductImages(store, storage, new ImageCheck(images.maxBytes().toBytes(), images.maxPixels()),
                images.smallSize(), images.mediumSize());
    }

    /** The relay's own producer: raw bytes (the outbox holds encoded records), idempotent, acks=all. */
    @Bean(destroyMethod = "close")
    Producer<String, byte[]> outboxProducer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "catalog-outbox-relay");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate tx, Producer<String, byte[]> outboxProducer,
                            CatalogProperties properties, ObjectProvider<OutboxRelay.AfterSend> afterSend) {
        return new OutboxRelay(jdbc, tx, outboxProducer, properties.outbox().batchSize(),
                properties.outbox().sendTimeout(), afterSend.getIfAvailable(() -> OutboxRelay.AfterSend.NONE));
    }

    @Bean
    OutboxPoller outboxPoller(OutboxRelay relay, CatalogProperties properties) {
        OutboxPoller poller = new OutboxPoller(relay, properties.outbox().pollInterval());
        poller.setAutoStartup(properties.outbox().enabled());
        return poller;
    }

    /**
     * Readiness: the demo data (if asked for) is in and the outbox was found empty once, so
     * everything written before start is on Kafka when the service reports ready.
     */
    @Bean
    HealthIndicator catalogOutbox(OutboxPoller poller, DemoCatalogSeeder seeder, CatalogProperties properties) {
        return () -> {
            if (!seeder.done()) {
                return Health.outOfService().withDetail("demo", "seeding").build();
            }
            if (properties.outbox().enabled() && !poller.drainedOnce()) {
                Health.Builder builder = Health.outOfService().withDetail("outbox", "relaying");
                if (poller.lastFailure() != null) {
                    builder.withDetail("lastFailure", poller.lastFailure());
                }
                return builder.build();
            }
            return Health.up().withDetail("relay", properties.outbox().enabled() ? "running" : "disabled").build();
        };
    }

    @Bean
    DemoCatalogSeeder demoCatalogSeeder(CatalogStore store, ProductImages images, CatalogProperties properties) {
        return new DemoCatalogSeeder(store, images, properties.seedDemo());
    }
}
