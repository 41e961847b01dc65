package com.eventshop.catalog.it;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Media in a real S3-protocol server (s3proxy); private links are S3 presigned URLs. */
class S3MediaTest extends MediaContractTest {

    @TempDir
    static Path temp;
    static S3ProxyServer s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(temp);
        startCatalog(temp, Map.of(
                "eventshop.catalog.media.storage", "s3",
                "eventshop.catalog.media.s3.endpoint", s3.endpoint(),
                "eventshop.catalog.media.s3.bucket", "eventshop-test-media",
                "eventshop.catalog.media.s3.path-style", "true",
                "eventshop.catalog.media.s3.access-key", S3ProxyServer.ACCESS_KEY,
                "eventshop.catalog.media.s3.secret-key", S3ProxyServer.SECRET_KEY));
    }

    @AfterAll
    static void stopS3() {
        stopCatalog();
        if (s3 != null) {
            s3.close();
        }
    }

    @Override
    URI absolute(URI signed) {
        return signed;
    }

    @Override
    Duration expiredTtl() {
        return Duration.ofSeconds(1); // S3 presigning needs a positive duration
    }

    @Override
    void waitOutExpiry() {
        try {
            Thread.sleep(2100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
