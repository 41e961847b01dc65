package com.eventshop.devinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import com.eventshop.devinfra.ProgressListener.Part;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevInfraTest {

    @TempDir
    Path dataDir;

    /** Remembers what the launcher would print. */
    static final class Recorder implements ProgressListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void starting(Part part) {
            events.add("starting " + part);
        }

        @Override
        public void started(Part part, Duration took, String detail) {
            events.add("started " + part + ": " + detail);
            System.out.printf("%s started in %d ms: %s%n", part.displayName(), took.toMillis(), detail);
        }

        @Override
        public void skipped(Part part, String reason) {
            events.add("skipped " + part + ": " + reason);
        }
    }

    @Test
    void startsEverythingEmbeddedAndFindsItAgainAfterRestart() throws Exception {
        DevInfraSettings settings = DevInfraSettings.defaults(dataDir)
                .withKafkaPort(0).withPostgresPort(0).withSmtpPort(0)
                .withDatabases(List.of("orders", "catalog"));

        String clusterId;
        Recorder first = new Recorder();
        try (DevInfra infra = DevInfra.start(settings, first)) {
            clusterId = infra.kafka().orElseThrow().clusterId();
            assertThat(first.events).containsExactly(
                    "starting KAFKA", "started KAFKA: " + infra.kafkaBootstrapServers() + " (1 broker)",
                    "starting TOPICS", "started TOPICS: " + Topics.ALL.size() + " of " + Topics.ALL.size() + " created",
                    "starting POSTGRES", "started POSTGRES: localhost:" + infra.postgres().orElseThrow().port()
                            + ", 2 database(s), created orders, catalog",
                    "starting SMTP", "started SMTP: 127.0.0.1:" + infra.smtpPort());
            assertThat(TopicProvisionerTest.topicNames(infra.kafkaBootstrapServers()))
                    .containsAll(Topics.ALL.stream().map(TopicSpec::name).toList());
            try (Connection connection = DriverManager.getConnection(infra.jdbcUrl("catalog"),
                    infra.databaseUsername(), infra.databasePassword())) {
                assertThat(connection.getCatalog()).isEqualTo("catalog");
            }
            assertThat(infra.smtp()).isPresent();
            assertThat(infra.smtpHost()).isEqualTo("127.0.0.1");
            long closing = System.nanoTime();
            infra.close();
            System.out.printf("DevInfra closed in %d ms%n", KafkaClusterTest.millisSince(closing));
        }
        Properties marker = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("eventshop-data.properties"))) {
            marker.load(in);
        }
        assertThat(marker.getProperty("format.version")).isEqualTo("1");
        assertThat(marker.getProperty("kafka.cluster.id")).isEqualTo(clusterId);

        Recorder second = new Recorder();
        try (DevInfra infra = DevInfra.start(settings, second)) {
            assertThat(infra.kafka().orElseThrow().clusterId()).isEqualTo(clusterId);
            assertThat(second.events).contains(
                    "started TOPICS: 0 of " + Topics.ALL.size() + " created",
                    "started POSTGRES: localhost:" + infra.postgres().orElseThrow().port() + ", 2 database(s)");
        }
    }

    @Test
    void usesExternalKafkaAndDatabaseFromTheEnvironmentAndStillEnsuresTopics(@TempDir Path kafkaDir) throws Exception {
        try (KafkaCluster external = KafkaCluster.start(KafkaCluster.Settings.of(kafkaDir).withPort(0))) {
            Map<String, String> env = Map.of(
                    "EVENTSHOP_DATA_DIR", dataDir.toString(),
                    "KAFKA_BOOTSTRAP_SERVERS", external.bootstrapServers(),
                    "DATABASE_URL", "jdbc:postgresql://db.internal:5432/eventshop",
                    "DATABASE_USERNAME", "shop",
                    "DATABASE_PASSWORD", "secret",
                    "EVENTSHOP_SMTP_PORT", "0");
            Recorder recorder = new Recorder();
            try (DevInfra infra = DevInfra.start(DevInfraSettings.fromEnvironment(env), recorder)) {
                assertThat(infra.kafka()).isEmpty();
                assertThat(infra.postgres()).isEmpty();
                assertThat(infra.smtp()).isPresent();
                assertThat(infra.kafkaBootstrapServers()).isEqualTo(external.bootstrapServers());
                assertThat(infra.jdbcUrl("orders")).isEqualTo("jdbc:postgresql://db.internal:5432/eventshop");
                assertThat(infra.databaseUsername()).isEqualTo("shop");
                assertThat(infra.databasePassword()).isEqualTo("secret");
                assertThat(recorder.events).containsExactly(
                        "skipped KAFKA: KAFKA_BOOTSTRAP_SERVERS is set: using " + external.bootstrapServers(),
                        "starting TOPICS", "started TOPICS: " + Topics.ALL.size() + " of " + Topics.ALL.size() + " created",
                        "skipped POSTGRES: DATABASE_URL is set: using jdbc:postgresql://db.internal:5432/eventshop",
                        "starting SMTP", "started SMTP: 127.0.0.1:" + infra.smtpPort());
            }
            assertThat(TopicProvisionerTest.topicNames(external.bootstrapServers()))
                    .containsAll(Topics.ALL.stream().map(TopicSpec::name).toList());
            assertThat(dataDir.resolve("kafka")).doesNotExist();
        }
    }

    @Test
    void refusesAForeignDataDirectoryAndDeletesNothing() throws Exception {
        Path stray = dataDir.resolve("thesis.tex");
        Files.writeString(stray, "precious");

        assertThatThrownBy(() -> DevInfra.start(DevInfraSettings.defaults(dataDir), ProgressListener.NONE))
                .isInstanceOf(DevInfraException.class)
                .hasMessageContaining("is not an Eventshop data directory")
                .hasMessageContaining("--fresh")
                .hasMessageContaining("nothing was deleted");
        assertThat(stray).hasContent("precious");
        assertThat(dataDir.resolve("eventshop-data.properties")).doesNotExist();
    }

    @Test
    void refusesADataDirectoryOfAnUnknownFormatVersion() throws Exception {
        Files.writeString(dataDir.resolve("eventshop-data.properties"), "format.version=99\n");

        assertThatThrownBy(() -> DevInfra.start(DevInfraSettings.defaults(dataDir), ProgressListener.NONE))
                .isInstanceOf(DevInfraException.class)
                .hasMessageContaining("incompatible version")
                .hasMessageContaining("--fresh");
        assertThat(dataDir.resolve("eventshop-data.properties")).hasContent("format.version=99\n");
    }

    @Test
    void refusesKafkaDataOfAnotherClusterThanTheMarkerNames() throws Exception {
        Files.writeString(dataDir.resolve("eventshop-data.properties"), "format.version=1\nkafka.cluster.id=aaaa\n");
        Path node = Files.createDirectories(dataDir.resolve("kafka/node-0"));
        Files.writeString(dataDir.resolve("kafka/cluster.properties"), "cluster.id=bbbb\nbrokers=1\n");
        Files.writeString(node.resolve("meta.properties"), "version=1\ncluster.id=bbbb\nnode.id=0\n");
        DevInfraSettings settings = DevInfraSettings.defaults(dataDir).withKafkaPort(0).withPostgresPort(0).withSmtpPort(0);

        assertThatThrownBy(() -> DevInfra.start(settings, ProgressListener.NONE))
                .isInstanceOf(DevInfraException.class)
                .hasMessageContaining("belongs to cluster bbbb")
                .hasMessageContaining("--fresh");
        assertThat(node.resolve("meta.properties")).exists();
    }

    @Test
    void wipesOnlyWhatIsRecognisablyEventshopData() throws Exception {
        Path foreign = Files.createDirectories(dataDir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "keep");
        assertThatThrownBy(() -> DevInfra.wipe(foreign))
                .isInstanceOf(DevInfraException.class)
                .hasMessageContaining("refusing to delete");
        assertThat(foreign.resolve("notes.txt")).exists();

        DevInfra.wipe(foreign, true);
        assertThat(foreign).doesNotExist();

        Path ours = Files.createDirectories(dataDir.resolve("ours/kafka/node-0"));
        Files.writeString(dataDir.resolve("ours/eventshop-data.properties"), "format.version=1\n");
        Files.writeString(ours.resolve("meta.properties"), "node.id=0\n");
        DevInfra.wipe(dataDir.resolve("ours"));
        assertThat(dataDir.resolve("ours")).doesNotExist();

        DevInfra.wipe(dataDir.resolve("never-existed"));
        assertThatThrownBy(() -> DevInfra.wipe(Path.of(System.getProperty("user.home")), true))
                .isInstanceOf(DevInfraException.class);
    }

    @Test
    void readsSettingsFromTheEnvironment() {
        DevInfraSettings defaults = DevInfraSettings.fromEnvironment(Map.of());
        assertThat(defaults.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(defaults.kafkaPort()).isEqualTo(9092);
        assertThat(defaults.kafkaBrokers()).isEqualTo(1);
        assertThat(defaults.postgresPort()).isEqualTo(15432);
        assertThat(defaults.smtpPort()).isEqualTo(3025);
        assertThat(defaults.externalKafka()).isEmpty();
        assertThat(defaults.externalDatabase()).isEmpty();
        assertThat(defaults.externalSmtp()).isEmpty();

        DevInfraSettings custom = DevInfraSettings.fromEnvironment(Map.of(
                "EVENTSHOP_KAFKA_BROKERS", "3", "EVENTSHOP_KAFKA_PORT", "19092", "KAFKA_BOOTSTRAP_SERVERS", " ",
                "SMTP_HOST", "mail.internal"));
        assertThat(custom.kafkaBrokers()).isEqualTo(3);
        assertThat(custom.kafkaPort()).isEqualTo(19092);
        assertThat(custom.externalKafka()).isEmpty();
        assertThat(custom.externalSmtp()).contains(new DevInfraSettings.ExternalSmtp("mail.internal", 25));

        assertThatThrownBy(() -> DevInfraSettings.fromEnvironment(Map.of("EVENTSHOP_POSTGRES_PORT", "five")))
                .isInstanceOf(DevInfraException.class)
                .hasMessageContaining("EVENTSHOP_POSTGRES_PORT");
        assertThatThrownBy(() -> DevInfraSettings.fromEnvironment(Map.of("EVENTSHOP_SMTP_PORT", "70000")))
                .isInstanceOf(DevInfraException.class)
                .hasMessageContaining("EVENTSHOP_SMTP_PORT");
        assertThat(Optional.of(custom.withDatabases(List.of("orders")).databases())).contains(List.of("orders"));
    }
}
