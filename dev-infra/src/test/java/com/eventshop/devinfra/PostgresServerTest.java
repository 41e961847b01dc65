package com.eventshop.devinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void createsDatabasesAndKeepsRowsAcrossRestart() throws Exception {
        long started = System.nanoTime();
        try (PostgresServer postgres = PostgresServer.start(PostgresServer.Settings.of(dataDir).withPort(0))) {
            System.out.printf("PostgreSQL (fresh) ready in %d ms%n", KafkaClusterTest.millisSince(started));
            assertThat(postgres.ensureDatabase("orders")).isTrue();
            assertThat(postgres.ensureDatabase("orders")).isFalse();
            assertThatThrownBy(() -> postgres.ensureDatabase("orders\"; DROP DATABASE postgres; --"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(postgres.jdbcUrl("orders")).isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/orders");
            try (Connection connection = connect(postgres, "orders"); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE notes (id int PRIMARY KEY, text varchar(100))");
                sql.execute("INSERT INTO notes VALUES (1, 'kept across restarts')");
                assertThat(single(sql, "SHOW wal_level")).isEqualTo("logical");
                assertThat(Integer.parseInt(single(sql, "SHOW max_replication_slots"))).isGreaterThanOrEqualTo(4);
                assertThat(Integer.parseInt(single(sql, "SHOW max_wal_senders"))).isGreaterThanOrEqualTo(4);
                assertThat(single(sql, "SHOW server_version")).startsWith(PostgresServer.MAJOR_VERSION + ".");
            }
        }

        started = System.nanoTime();
        try (PostgresServer postgres = PostgresServer.start(PostgresServer.Settings.of(dataDir).withPort(0))) {
            System.out.printf("PostgreSQL (restart) ready in %d ms%n", KafkaClusterTest.millisSince(started));
            assertThat(postgres.ensureDatabase("orders")).isFalse();
            try (Connection connection = connect(postgres, "orders"); Statement sql = connection.createStatement()) {
                assertThat(single(sql, "SELECT text FROM notes WHERE id = 1")).isEqualTo("kept across restarts");
            }
            assertThatThrownBy(() -> PostgresServer.start(PostgresServer.Settings.of(dataDir).withPort(0)))
                    .isInstanceOf(DevInfraException.class)
                    .hasMessageContaining("in use by another process");
        }
    }

    @Test
    void refusesADirectoryThatIsNotPostgresData() throws Exception {
        Path stray = Files.createDirectories(dataDir.resolve("postgres")).resolve("notes.txt");
        Files.writeString(stray, "not a database");

        assertThatThrownBy(() -> PostgresServer.start(PostgresServer.Settings.of(dataDir).withPort(0)))
                .isInstanceOf(DevInfraException.class)
                .hasMessageContaining("does not hold PostgreSQL data")
                .hasMessageContaining("--fresh");
        assertThat(stray).hasContent("not a database");
    }

    @Test
    void refusesDataOfAnotherMajorVersion() throws Exception {
        Path pgDir = Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(pgDir.resolve("PG_VERSION"), "14\n");
        Files.writeString(pgDir.resolve("postgresql.conf"), "");

        assertThatThrownBy(() -> PostgresServer.start(PostgresServer.Settings.of(dataDir).withPort(0)))
                .isInstanceOf(DevInfraException.class)
                .hasMessageContaining("PostgreSQL 14 data")
                .hasMessageContaining("--fresh");
        assertThat(pgDir.resolve("PG_VERSION")).hasContent("14\n");
    }

    private static Connection connect(PostgresServer postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
