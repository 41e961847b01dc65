package com.eventshop.devinfra;

import com.eventshop.contracts.Topics;
import com.eventshop.devinfra.DevInfraSettings.ExternalDatabase;
import com.eventshop.devinfra.ProgressListener.Part;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Eventshop needs around its services, in one place: Kafka (embedded or external) with
 * the catalogue's topics, PostgreSQL with a database per service, and SMTP. Parts given by the
 * environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code DATABASE_URL}, {@code SMTP_HOST}) are used as
 * they are instead of being started.
 */
public final class DevInfra implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevInfra.class);

    private final DevInfraSettings settings;
    private KafkaCluster kafka;
    private PostgresServer postgres;
    private SmtpServer smtp;

    private DevInfra(DevInfraSettings settings) {
        this.settings = settings;
    }

    /**
     * Checks the data directory and the ports, then starts Kafka, provisions the topics, starts
     * PostgreSQL with the databases, and SMTP. On failure whatever started is stopped again.
     */
    public static DevInfra start(DevInfraSettings settings, ProgressListener listener) {
        Properties marker = DataDirectory.prepare(settings.dataDir());
        PostgresServer.stopLeftover(settings.dataDir());
        checkPorts(settings);
        DevInfra infra = new DevInfra(settings);
        try {
            infra.startKafka(listener, marker);
            infra.provisionTopics(listener);
            infra.startPostgres(listener);
            infra.startSmtp(listener);
            return infra;
        } catch (RuntimeException e) {
            infra.close();
            throw e;
        }
    }

    /** All clashes are found before anything starts, so a failed start leaves nothing behind. */
    private static void checkPorts(DevInfraSettings settings) {
        if (settings.externalKafka().isEmpty() && settings.kafkaPort() != 0) {
            for (int i = 0; i < settings.kafkaBrokers(); i++) {
                Ports.requireFree(settings.kafkaPort() + i, "Kafka", DevInfraSettings.KAFKA_PORT);
            }
        }
        if (settings.externalDatabase().isEmpty() && settings.postgresPort() != 0) {
            Ports.requireFree(settings.postgresPort(), "PostgreSQL", DevInfraSettings.POSTGRES_PORT);
        }
        if (settings.externalSmtp().isEmpty() && settings.smtpPort() != 0) {
            Ports.requireFree(settings.smtpPort(), "SMTP", DevInfraSettings.SMTP_PORT);
        }
    }

    private void startKafka(ProgressListener listener, Properties marker) {
        if (settings.externalKafka().isPresent()) {
            listener.skipped(Part.KAFKA, DevInfraSettings.KAFKA_BOOTSTRAP_SERVERS + " is set: using "
                    + settings.externalKafka().get());
            return;
        }
        // A Kafka directory from another data directory would otherwise be taken silently.
        Optional<String> expected = DataDirectory.kafkaClusterId(marker);
        Optional<String> stored = KafkaCluster.storedClusterId(settings.dataDir(), settings.kafkaBrokers());
        if (expected.isPresent() && stored.isPresent() && !expected.equals(stored)) {
            throw new DevInfraException("The Kafka data in " + settings.dataDir().toAbsolutePath()
                    + " belongs to cluster " + stored.get() + ", but the data directory was created for "
                    + expected.get() + ". Start with --fresh to begin with empty data; nothing was deleted.");
        }
        listener.starting(Part.KAFKA);
        long started = System.nanoTime();
        kafka = KafkaCluster.start(new KafkaCluster.Settings(settings.dataDir(), settings.kafkaBrokers(),
                settings.kafkaPort(), 0));
        // New when Kafka was formatted just now (first start, or its directory was removed).
        if (!expected.equals(Optional.of(kafka.clusterId()))) {
            DataDirectory.recordKafkaClusterId(settings.dataDir(), marker, kafka.clusterId());
        }
        listener.started(Part.KAFKA, since(started), kafka.bootstrapServers() + " ("
                + kafka.brokerCount() + (kafka.brokerCount() == 1 ? " broker)" : " brokers)"));
    }

    private void provisionTopics(ProgressListener listener) {
        listener.starting(Part.TOPICS);
        long started = System.nanoTime();
        TopicProvisioner.Result result = TopicProvisioner.provision(kafkaBootstrapServers(), Topics.ALL);
        String detail = result.created().size() + " of " + Topics.ALL.size() + " created";
        if (!result.warnings().isEmpty()) {
            detail += "; " + String.join("; ", result.warnings());
        }
        listener.started(Part.TOPICS, since(started), detail);
    }

    private void startPostgres(ProgressListener listener) {
        if (settings.externalDatabase().isPresent()) {
            listener.skipped(Part.POSTGRES, DevInfraSettings.DATABASE_URL + " is set: using "
                    + settings.externalDatabase().get().url());
            return;
        }
        listener.starting(Part.POSTGRES);
        long started = System.nanoTime();
        postgres = PostgresServer.start(new PostgresServer.Settings(settings.dataDir(), settings.postgresPort()));
        List<String> created = new ArrayList<>();
        for (String database : settings.databases()) {
            if (postgres.ensureDatabase(database)) {
                created.add(database);
            }
        }
        listener.started(Part.POSTGRES, since(started), "localhost:" + postgres.port() + ", "
                + settings.databases().size() + " database(s)"
                + (created.isEmpty() ? "" : ", created " + String.join(", ", created)));
    }

    private void startSmtp(ProgressListener listener) {
        if (settings.externalSmtp().isPresent()) {
            listener.skipped(Part.SMTP, DevInfraSettings.SMTP_HOST + " is set: using "
                    + smtpHost() + ":" + smtpPort());
            return;
        }
        listener.starting(Part.SMTP);
        long started = System.nanoTime();
        smtp = SmtpServer.start(settings.smtpPort());
        listener.started(Part.SMTP, since(started), smtp.host() + ":" + smtp.port());
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * Deletes a data directory for {@code --fresh}: only one that is missing, empty or carries the
     * Eventshop marker, unless {@code force} is set. Nothing may be running on it.
     */
    public static void wipe(Path dataDir, boolean force) {
        PostgresServer.stopLeftover(dataDir);
        DataDirectory.wipe(dataDir, force);
    }

    /** {@link #wipe(Path, boolean)} without force. */
    public static void wipe(Path dataDir) {
        wipe(dataDir, false);
    }

    public DevInfraSettings settings() {
        return settings;
    }

    public String kafkaBootstrapServers() {
        return settings.externalKafka().orElseGet(() -> kafka.bootstrapServers());
    }

    /** JDBC URL of a service's database, or the external {@code DATABASE_URL} as given. */
    public String jdbcUrl(String database) {
        return settings.externalDatabase().map(ExternalDatabase::url).orElseGet(() -> postgres.jdbcUrl(database));
    }

    /** The database user: {@code postgres} when embedded, {@code DATABASE_USERNAME} when external. */
    public String databaseUsername() {
        return settings.externalDatabase().map(ExternalDatabase::username).orElseGet(() -> postgres.username());
    }

    /** The database password: not checked when embedded, {@code DATABASE_PASSWORD} when external. */
    public String databasePassword() {
        return settings.externalDatabase().map(ExternalDatabase::password).orElseGet(() -> postgres.password());
    }

    public String smtpHost() {
        return settings.externalSmtp().map(DevInfraSettings.ExternalSmtp::host).orElse(SmtpServer.HOST);
    }

    public int smtpPort() {
        return settings.externalSmtp().map(DevInfraSettings.ExternalSmtp::port).orElseGet(() -> smtp.port());
    }

    public Optional<KafkaCluster> kafka() {
        return Optional.ofNullable(kafka);
    }

    public Optional<PostgresServer> postgres() {
        return Optional.ofNullable(postgres);
    }

    public Optional<SmtpServer> smtp() {
        return Optional.ofNullable(smtp);
    }

    /** Stops what was started, in reverse order; a part that fails to stop does not block the rest. */
    @Override
    public void close() {
        stop("SMTP", smtp);
        stop("PostgreSQL", postgres);
        stop("Kafka", kafka);
        smtp = null;
        postgres = null;
        kafka = null;
    }

    private static void stop(String name, AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            log.warn("{} did not stop cleanly", name, e);
        }
    }
}
