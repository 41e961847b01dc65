package com.eventshop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.platform.testapp.TestApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;

/** The logback-spring.xml shipped in the platform jar, as Boot loads it for a standalone service. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class LoggingTest {

    @LocalServerPort
    int port;

    @Test
    void requestLogLinesAreJsonWithServiceAndTraceId(CapturedOutput output) {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        new Http(port).postJson("/api/widgets", "{\"name\":\"logged-gear\",\"quantity\":2}",
                "traceparent", "00-" + traceId + "-b7ad6b7169203331-01");

        String line = output.getOut().lines().filter(l -> l.contains("widget created: logged-gear"))
                .findFirst().orElseThrow(() -> new AssertionError("no log line in: " + output.getOut()));
        JsonNode json = Http.JSON.readTree(line);
        assertThat(json.get("service").asString()).isEqualTo("platform-test");
        assertThat(json.get("traceId").asString()).isEqualTo(traceId);
        assertThat(json.get("level").asString()).isEqualTo("INFO");
        assertThat(json.get("logger").asString()).isEqualTo("com.eventshop.platform.testapp.WidgetController");
        assertThat(json.get("message").asString()).isEqualTo("widget created: logged-gear");
        assertThat(json.has("@timestamp")).isTrue();
        assertThat(json.get("@version").asString()).isEqualTo("1");
        assertThat(json.get("thread").asString()).isNotBlank();
    }

    @Test
    void plainFormatIsAReadableLine(CapturedOutput output) {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        Logger log = LoggerFactory.getLogger("com.eventshop.platform.LoggingTest");
        try {
            reinitialize(logging, Map.of("spring.application.name", "plain-svc", "eventshop.log.format", "plain"));
            MDC.put("traceId", "feedfacefeedfacefeedfacefeedface");
            log.info("a plain line");
        } finally {
            MDC.remove("traceId");
            reinitialize(logging, Map.of("spring.application.name", "platform-test"));
        }
        String line = output.getOut().lines().filter(l -> l.contains("a plain line")).findFirst().orElseThrow();
        assertThat(line).doesNotStartWith("{")
                .contains("INFO [plain-svc] [feedfacefeedfacefeedfacefeedface]")
                .endsWith("com.eventshop.platform.LoggingTest       : a plain line");

        log.info("json again");
        String again = output.getOut().lines().filter(l -> l.contains("json again")).findFirst().orElseThrow();
        assertThat(Http.JSON.readTree(again).get("service").asString()).isEqualTo("platform-test");
    }

    private static void reinitialize(LoggingSystem logging, Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        logging.cleanUp();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, null);
    }
}
