package com.eventshop.catalog.it;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Media on the local filesystem (the default backend); private links signed by the catalog. */
class LocalMediaTest extends MediaContractTest {

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() {
        startCatalog(temp, Map.of("eventshop.catalog.media.storage", "local"));
    }

    @Override
    URI absolute(URI signed) {
        return URI.create(catalog.url(signed.toString()));
    }

    @Override
    Duration expiredTtl() {
        return Duration.ofSeconds(-1);
    }

    @Override
    void waitOutExpiry() {
    }
}
