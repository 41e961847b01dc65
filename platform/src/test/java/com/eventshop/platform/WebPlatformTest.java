package com.eventshop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.platform.testapp.TestApplication;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A service's HTTP surface as a client sees it: problems, actuator, OpenAPI and trace ids. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WebPlatformTest {

    static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void validRequestPassesThrough() {
        HttpResponse<String> response = http.postJson("/api/widgets", "{\"name\":\"gear\",\"quantity\":3}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(Http.json(response).get("name").asString()).isEqualTo("gear");
    }

    @Test
    void invalidFieldsAreListed() {
        HttpResponse<String> response = http.postJson("/api/widgets", "{\"name\":\" \",\"quantity\":0}");
        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("name", "quantity");
        assertThat(problem.get("errors").get(0).get("message").asString()).isNotBlank();
    }

    @Test
    void unknownFieldIsRefusedAndNamed() {
        HttpResponse<String> response = http.postJson("/api/widgets",
                "{\"name\":\"gear\",\"quantity\":3,\"colour\":\"red\"}");
        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("detail").asString()).contains("colour");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("colour");
    }

    @Test
    void malformedJsonAndWrongTypesAre400() {
        assertProblem(http.postJson("/api/widgets", "{\"name\":"), 400);
        JsonNode wrongType = assertProblem(http.postJson("/api/widgets", "{\"name\":\"g\",\"quantity\":\"many\"}"), 400);
        assertThat(wrongType.get("errors").get(0).get("field").asString()).isEqualTo("quantity");
    }

    @Test
    void bodyOverTheLimitIs413ByContentLength() {
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\",\"quantity\":1}";
        JsonNode problem = assertProblem(http.postJson("/api/widgets", big), 413);
        assertThat(problem.get("detail").asString()).contains("65536");
    }

    @Test
    void chunkedBodyOverTheLimitIs413WhileReading() {
        byte[] big = ("{\"name\":\"" + "x".repeat(70 * 1024) + "\",\"quantity\":1}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = http.request("/api/widgets").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        assertProblem(http.send(request), 413);
    }

    @Test
    void problemExceptionKeepsItsStatusAndMembers() {
        JsonNode problem = assertProblem(http.get("/api/widgets/missing"), 404);
        assertThat(problem.get("detail").asString()).isEqualTo("No widget missing");
        assertThat(problem.get("widgetId").asString()).isEqualTo("missing");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/widgets/missing");
    }

    @Test
    void unexpectedErrorIs500WithoutInternals() {
        HttpResponse<String> response = http.get("/api/widgets/boom");
        JsonNode problem = assertProblem(response, 500);
        assertThat(response.body()).doesNotContain("secret-internal-detail", "IllegalStateException", "at com.");
        assertThat(problem.get("traceId").asString()).isEqualTo(response.headers().firstValue("X-Trace-Id").orElseThrow());
    }

    @Test
    void errorsForwardedToTheErrorPageAreProblemsToo() {
        JsonNode problem = assertProblem(http.get("/api/widgets/unavailable"), 503);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/widgets/unavailable");
        assertThat(http.get("/no/such/path").statusCode()).isEqualTo(404);
        assertProblem(http.get("/no/such/path"), 404);
    }

    @Test
    void probesAreUp() {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health"}) {
            HttpResponse<String> response = http.get(probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(Http.json(response).get("status").asString()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void prometheusMetricsAndInfoAreExposedButNothingElse() {
        HttpResponse<String> prometheus = http.get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        assertThat(http.get("/actuator/metrics").body()).contains("jvm.memory.used");
        HttpResponse<String> info = http.get("/actuator/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(Http.json(info).get("service").get("name").asString()).isEqualTo("platform-test");
        assertThat(http.get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void openApiDescribesTheServiceAndSwaggerUiIsServed() {
        HttpResponse<String> docs = http.get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = Http.json(docs);
        assertThat(api.get("info").get("title").asString()).isEqualTo("platform-test");
        assertThat(api.get("paths").has("/api/widgets")).isTrue();
        assertThat(api.get("paths").has("/api/widgets/{id}")).isTrue();
        // the platform's conventions: bearer security, error answers as problem+json
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(api.at("/components/schemas/Problem/properties/traceId").isMissingNode()).isFalse();
        JsonNode getWidget = api.at("/paths/~1api~1widgets~1{id}/get/responses");
        assertThat(getWidget.has("404")).isTrue();
        assertThat(getWidget.at("/404/content").has(PROBLEM_JSON)).isTrue();
        assertThat(getWidget.at("/500/content").has(PROBLEM_JSON)).isTrue();
        HttpResponse<String> ui = http.send(http.request("/swagger-ui/index.html").GET().build());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(http.get("/swagger-ui.html").statusCode()).isIn(200, 302);
    }

    @Test
    void traceIdIsCreatedWhenAbsent() {
        HttpResponse<String> response = http.get("/api/widgets/w-1");
        assertThat(response.headers().firstValue("X-Trace-Id").orElseThrow()).matches("[0-9a-f]{32}");
        assertThat(http.get("/api/widgets/w-1").headers().firstValue("X-Trace-Id"))
                .isNotEqualTo(response.headers().firstValue("X-Trace-Id"));
    }

    @Test
    void traceIdOfTraceparentIsEchoed() {
        HttpResponse<String> response = http.get("/api/widgets/w-1",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(response.headers().firstValue("X-Trace-Id")).contains("4bf92f3577b34da6a3ce929d0e0e4736");
        HttpResponse<String> fromHeader = http.get("/api/widgets/w-1", "X-Trace-Id", "client-chosen-id-42");
        assertThat(fromHeader.headers().firstValue("X-Trace-Id")).contains("client-chosen-id-42");
        HttpResponse<String> invalid = http.get("/api/widgets/w-1",
                "traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");
        assertThat(invalid.headers().firstValue("X-Trace-Id").orElseThrow())
                .matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith(PROBLEM_JSON);
        JsonNode problem = Http.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.has("trace")).isFalse();
        assertThat(problem.has("exception")).isFalse();
        assertThat(problem.get("traceId").asString())
                .isEqualTo(response.headers().firstValue("X-Trace-Id").orElseThrow());
        return problem;
    }
}
