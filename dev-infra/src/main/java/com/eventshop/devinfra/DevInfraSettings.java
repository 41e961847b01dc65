package com.eventshop.devinfra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DevInfra} starts and where. Build it from the environment
 * ({@link #fromEnvironment(Map)}) or from explicit values ({@link #defaults(Path)} and the
 * withers).
 *
 * @param dataDir          where all data lives ({@code EVENTSHOP_DATA_DIR}, default {@code ./data})
 * @param kafkaPort        client port of the first embedded broker ({@code EVENTSHOP_KAFKA_PORT}, 9092; 0 = free)
 * @param kafkaBrokers     embedded broker count ({@code EVENTSHOP_KAFKA_BROKERS}, 1)
 * @param postgresPort     embedded PostgreSQL port ({@code EVENTSHOP_POSTGRES_PORT}, 15432; 0 = free)
 * @param smtpPort         embedded SMTP port ({@code EVENTSHOP_SMTP_PORT}, 3025; 0 = free)
 * @param databases        databases to create in the embedded PostgreSQL, one per service
 * @param externalKafka    {@code KAFKA_BOOTSTRAP_SERVERS}: use that cluster instead of an embedded one
 * @param externalDatabase {@code DATABASE_URL} (+ {@code DATABASE_USERNAME}, {@code DATABASE_PASSWORD}):
 *                         use that database instead of an embedded PostgreSQL
 * @param externalSmtp     {@code SMTP_HOST} (+ {@code SMTP_PORT}, default 25): use that mail server
 */
public record DevInfraSettings(
        Path dataDir,
        int kafkaPort,
        int kafkaBrokers,
        int postgresPort,
        int smtpPort,
        List<String> databases,
        Optional<String> externalKafka,
        Optional<ExternalDatabase> externalDatabase,
        Optional<ExternalSmtp> externalSmtp) {

    public static final String DATA_DIR = "EVENTSHOP_DATA_DIR";
    public static final String KAFKA_PORT = "EVENTSHOP_KAFKA_PORT";
    public static final String KAFKA_BROKERS = "EVENTSHOP_KAFKA_BROKERS";
    public static final String POSTGRES_PORT = "EVENTSHOP_POSTGRES_PORT";
    public static final String SMTP_PORT = "EVENTSHOP_SMTP_PORT";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String DATABASE_USERNAME = "DATABASE_USERNAME";
    public static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";
    public static final String SMTP_HOST = "SMTP_HOST";
    public static final String EXTERNAL_SMTP_PORT = "SMTP_PORT";

    /** A database run elsewhere; {@code url} is a JDBC URL. */
    public record ExternalDatabase(String url, String username, String password) {
        public ExternalDatabase {
            Objects.requireNonNull(url, "url");
        }
    }

    /** A mail server run elsewhere. */
    public record ExternalSmtp(String host, int port) {
        public ExternalSmtp {
            Objects.requireNonNull(host, "host");
        }
    }

    public DevInfraSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        databases = List.copyOf(databases);
        Objects.requireNonNull(externalKafka, "externalKafka");
        Objects.requireNonNull(externalDatabase, "externalDatabase");
        Objects.requireNonNull(externalSmtp, "externalSmtp");
        if (kafkaBrokers < 1) {
            throw new DevInfraException(KAFKA_BROKERS + " must be at least 1, was " + kafkaBrokers);
        }
        checkPort(KAFKA_PORT, kafkaPort);
        checkPort(POSTGRES_PORT, postgresPort);
        checkPort(SMTP_PORT, smtpPort);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new DevInfraException(name + " must be a port from 0 to 65535, was " + port);
        }
    }

    /** Everything embedded, on the default ports, data in {@code dataDir}, no databases. */
    public static DevInfraSettings defaults(Path dataDir) {
        return new DevInfraSettings(dataDir, KafkaCluster.Settings.DEFAULT_PORT, 1,
                PostgresServer.Settings.DEFAULT_PORT, SmtpServer.DEFAULT_PORT, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Reads the variables listed on the record; unset or blank ones take the defaults. */
    public static DevInfraSettings fromEnvironment(Map<String, String> env) {
        DevInfraSettings settings = defaults(Path.of(value(env, DATA_DIR).orElse("./data")))
                .withKafkaPort(intValue(env, KAFKA_PORT, KafkaCluster.Settings.DEFAULT_PORT))
                .withKafkaBrokers(intValue(env, KAFKA_BROKERS, 1))
                .withPostgresPort(intValue(env, POSTGRES_PORT, PostgresServer.Settings.DEFAULT_PORT))
                .withSmtpPort(intValue(env, SMTP_PORT, SmtpServer.DEFAULT_PORT));
        if (value(env, KAFKA_BOOTSTRAP_SERVERS).isPresent()) {
            settings = settings.withExternalKafka(value(env, KAFKA_BOOTSTRAP_SERVERS).get());
        }
        if (value(env, DATABASE_URL).isPresent()) {
            settings = settings.withExternalDatabase(new ExternalDatabase(value(env, DATABASE_URL).get(),
                    value(env, DATABASE_USERNAME).orElse(null), value(env, DATABASE_PASSWORD).orElse(null)));
        }
        if (value(env, SMTP_HOST).isPresent()) {
            settings = settings.withExternalSmtp(new ExternalSmtp(value(env, SMTP_HOST).get(),
                    intValue(env, EXTERNAL_SMTP_PORT, 25)));
        }
        return settings;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        Optional<String> value = value(env, name);
        try {
            return value.map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new DevInfraException(name + " must be a whole number, was '" + value.get() + "'");
        }
    }

    public DevInfraSettings withDataDir(Path dataDir) {
        return new DevInfraSettings(dataDir, kafkaPort, kafkaBrokers, postgresPort, smtpPort, databases,
                externalKafka, externalDatabase, externalSmtp);
    }

    public DevInfraSettings withKafkaPort(int kafkaPort) {
        return new DevInfraSettings(dataDir, kafkaPort, kafkaBrokers, postgresPort, smtpPort, databases,
                externalKafka, externalDatabase, externalSmtp);
    }

    public DevInfraSettings withKafkaBrokers(int kafkaBrokers) {
        return new DevInfraSettings(dataDir, kafkaPort, kafkaBrokers, postgresPort, smtpPort, databases,
                externalKafka, externalDatabase, externalSmtp);
    }

    public DevInfraSettings withPostgresPort(int postgresPort) {
        return new DevInfraSettings(dataDir, kafkaPort, kafkaBrokers, postgresPort, smtpPort, databases,
                externalKafka, externalDatabase, externalSmtp);
    }

    public DevInfraSettings withSmtpPort(int smtpPort) {
        return new DevInfraSettings(dataDir, kafkaPort, kafkaBrokers, postgresPort, smtpPort, databases,
                externalKafka, externalDatabase, externalSmtp);
    }

    public DevInfraSettings withDatabases(List<String> databases) {
        return new DevInfraSettings(dataDir, kafkaPort, kafkaBrokers, postgresPort, smtpPort, databases,
                externalKafka, externalDatabase, externalSmtp);
    }

    public DevInfraSettings withExternalKafka(String bootstrapServers) {
        return new DevInfraSettings(dataDir, kafkaPort, kafkaBrokers, postgresPort, smtpPort, databases,
                Optional.of(bootstrapServers), externalDatabase, externalSmtp);
    }

    public DevInfraSettings withExternalDatabase(ExternalDatabase database) {
        return new DevInfraSettings(dataDir, kafkaPort, kafkaBrokers, postgresPort, smtpPort, databases,
                externalKafka, Optional.of(database), externalSmtp);
    }

    public DevInfraSettings withExternalSmtp(ExternalSmtp smtp) {
        return new DevInfraSettings(dataDir, kafkaPort, kafkaBrokers, postgresPort, smtpPort, databases,
                externalKafka, externalDatabase, Optional.of(smtp));
    }
}
