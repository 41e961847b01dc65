package com.eventshop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.platform.testapp.TestApplication;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client can put on the wire that never reaches Spring MVC (Tomcat rejects it while
 * parsing) is still answered with application/problem+json, never Tomcat's HTML page or an
 * empty body.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class RawRequestProblemTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    static List<RawHttp.Probe> badRequests() {
        return RawHttp.malformedRequests("/api/widgets");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void everyRejectionIsProblemJson(RawHttp.Probe bad) throws Exception {
        assertProblem(port, bad);
    }

    /** Sends the request on a raw socket and checks the answer is a 4xx RFC 9457 problem. */
    static JsonNode assertProblem(int port, RawHttp.Probe bad) throws Exception {
        RawHttp.Response response = RawHttp.send(port, bad.requestLine(), bad.headers().toArray(String[]::new));
        // a client error (505 for an HTTP version the server does not speak)
        assertThat(response.status()).as(bad + ": " + response).satisfiesAnyOf(
                status -> assertThat(status).isBetween(400, 499), status -> assertThat(status).isEqualTo(505));
        assertThat(response.contentType()).as(bad + ": " + response).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).as(bad + ": " + response).isEqualTo(response.status());
        assertThat(problem.path("title").asString()).as(bad + ": " + response).isNotBlank();
        assertThat(response.body()).as(bad + ": no server internals").doesNotContain("Exception", "Tomcat", "<html");
        return problem;
    }
}
