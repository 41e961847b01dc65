package com.eventshop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.eventshop.platform.testapp.TestApplication;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one-command launcher runs every service in one JVM as separate Spring contexts, with
 * Boot's logging system switched off (it configures logback itself). Two services started that
 * way side by side must each get the whole platform.
 */
class LauncherModeTest {

    @Test
    void servicesRunSideBySideWhenTheLauncherOwnsLogging() {
        String previous = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        // what the launcher does instead of Boot: its own logback setup
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        try (ConfigurableApplicationContext orders = start("launched-orders");
             ConfigurableApplicationContext payments = start("launched-payments")) {
            assertThat(orders.getBean(LoggingSystem.class).getClass().getSimpleName()).contains("NoOp");
            check(orders, "launched-orders");
            check(payments, "launched-payments");
        } finally {
            if (previous == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, previous);
            }
        }
    }

    private static ConfigurableApplicationContext start(String name) {
        // a launcher configures each service by default properties and/or arguments
        return new SpringApplicationBuilder(TestApplication.class)
                .properties("server.port=0", "spring.kafka.streams.replication-factor=3")
                .run("--spring.application.name=" + name);
    }

    private static void check(ConfigurableApplicationContext context, String name) {
        Http http = new Http(((WebServerApplicationContext) context).getWebServer().getPort());
        assertThat(Http.json(http.get("/actuator/health/readiness")).get("status").asString()).isEqualTo("UP");
        assertThat(Http.json(http.get("/v3/api-docs")).get("info").get("title").asString()).isEqualTo(name);
        HttpResponse<String> invalid = http.postJson("/api/widgets", "{\"name\":\"\",\"quantity\":1}",
                "X-Trace-Id", "launcher-trace-0001");
        WebPlatformTest.assertProblem(invalid, 400);
        assertThat(invalid.headers().firstValue("X-Trace-Id")).contains("launcher-trace-0001");
        assertThat(http.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
        assertThat(context.getEnvironment().getProperty("spring.kafka.streams.application-id"))
                .isEqualTo("eventshop-" + name);
        // the launcher's default properties beat the platform's defaults
        assertThat(context.getEnvironment().getProperty("spring.kafka.streams.replication-factor"))
                .isEqualTo("3");
    }
}
