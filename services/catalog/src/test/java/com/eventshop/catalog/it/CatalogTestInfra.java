package com.eventshop.catalog.it;

import com.eventshop.devinfra.Ports;
import com.eventshop.devinfra.PostgresServer;
import com.eventshop.devinfra.TestKafka;
import java.nio.file.Path;
import java.util.UUID;

/** One real PostgreSQL per test JVM (a fresh database per caller) and the shared test broker. */
final class CatalogTestInfra {

    private static PostgresServer postgres;

    private CatalogTestInfra() {
    }

    static synchronized PostgresServer postgres() {
        if (postgres == null) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "it-postgres-" + UUID.randomUUID());
            postgres = PostgresServer.start(PostgresServer.Settings.of(dir).withPort(Ports.freePort()));
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        }
        return postgres;
    }

    /** A new empty database; its JDBC URL. */
    static String freshDatabase() {
        String name = "catalog_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        postgres().ensureDatabase(name);
        return postgres().jdbcUrl(name);
    }

    static String kafka() {
        return TestKafka.bootstrapServers();
    }
}
