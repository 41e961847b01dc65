package com.eventshop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventshop.contracts.Topics;
import com.eventshop.devinfra.Ports;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command run end to end, as {@code ./eventshop up} does it, on free ports: every part
 * is reachable with a plain client, it stops within 10 s, and a second start keeps the data.
 */
class PlatformRunTest {

    @TempDir
    Path temp;

    @Test
    void startsEverythingReachablyStopsPromptlyAndKeepsDataAcrossRestarts() throws Exception {
        Path dataDir = temp.resolve("data");
        Map<String, String> env = freePorts();
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        PlatformRun first = new PlatformRun(new LaunchOptions("up", true, dataDir), env, console(console));
        try {
            first.start();
            String bootstrap = "127.0.0.1:" + env.get("EVENTSHOP_KAFKA_PORT");
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
                Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertThat(topics).containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
            }
            String jdbc = "jdbc:postgresql://localhost:" + env.get("EVENTSHOP_POSTGRES_PORT") + "/postgres";
            try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
                db.createStatement().execute("create table kept(id int)");
                db.createStatement().execute("insert into kept values (42)");
            }
            sendMail(Integer.parseInt(env.get("EVENTSHOP_SMTP_PORT")));
            for (ServiceCatalog.ServiceDefinition service : ServiceCatalog.present()) {
                assertThat(console.toString(StandardCharsets.UTF_8)).contains(service.name());
            }
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .contains("Eventshop is up").contains(bootstrap).contains(jdbc);
        } finally {
            Instant stopping = Instant.now();
            first.stop();
            assertThat(Duration.between(stopping, Instant.now())).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(Files.exists(dataDir.resolve("logs/eventshop.json"))).isTrue();

        PlatformRun second = new PlatformRun(new LaunchOptions("up", false, dataDir), env, console(console));
        try {
            second.start();
            String jdbc = "jdbc:postgresql://localhost:" + env.get("EVENTSHOP_POSTGRES_PORT") + "/postgres";
            try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres");
                 ResultSet rows = db.createStatement().executeQuery("select id from kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        } finally {
            second.stop();
        }
    }

    @Test
    void aTakenPortIsNamedWithTheSettingThatMovesIt() throws Exception {
        Map<String, String> env = freePorts();
        try (ServerSocket taken = new ServerSocket(0)) {
            env.put("EVENTSHOP_KAFKA_PORT", Integer.toString(taken.getLocalPort()));
            PlatformRun run = new PlatformRun(new LaunchOptions("up", true, temp.resolve("d2")), env,
                    console(new ByteArrayOutputStream()));
            try {
                assertThatThrownBy(run::start)
                        .hasMessageContaining(Integer.toString(taken.getLocalPort()))
                        .hasMessageContaining("EVENTSHOP_KAFKA_PORT");
            } finally {
                run.stop();
            }
        }
    }

    private static Map<String, String> freePorts() {
        Map<String, String> env = new HashMap<>();
        env.put("EVENTSHOP_KAFKA_PORT", Integer.toString(Ports.freePort()));
        env.put("EVENTSHOP_POSTGRES_PORT", Integer.toString(Ports.freePort()));
        env.put("EVENTSHOP_SMTP_PORT", Integer.toString(Ports.freePort()));
        for (ServiceCatalog.ServiceDefinition service : ServiceCatalog.ALL) {
            env.put(service.portVariable(), Integer.toString(Ports.freePort()));
        }
        return env;
    }

    private static Console console(ByteArrayOutputStream sink) {
        return new Console(new PrintStream(sink, true, StandardCharsets.UTF_8));
    }

    private static void sendMail(int port) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", Integer.toString(port));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("shop@eventshop.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.com"));
        message.setSubject("hello");
        message.setText("reachable");
        Transport.send(message);
    }
}
