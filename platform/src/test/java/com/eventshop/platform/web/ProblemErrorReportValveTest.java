package com.eventshop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The document the valve writes: valid JSON whatever Tomcat's message quotes of the request. */
class ProblemErrorReportValveTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aClientErrorNamesWhatTomcatFoundWithTheClientsBytesEscaped() {
        JsonNode problem = JSON.readTree(ProblemErrorReportValve.problem(400,
                "Invalid character found in the request target [/a\u0001\"<script>\\b]"));
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.get("detail").asString()).isEqualTo("Invalid character found in the request target [/a?\"<script>\\b]");
        assertThat(ProblemErrorReportValve.problem(400, "<x>")).doesNotContain("<x>");
    }

    @Test
    void internalsAndServerErrorsAreNotDescribed() {
        assertThat(JSON.readTree(ProblemErrorReportValve.problem(400, "java.lang.IllegalArgumentException: x"))
                .get("detail").asString()).doesNotContain("Exception");
        assertThat(JSON.readTree(ProblemErrorReportValve.problem(500, "NullPointerException at Foo"))
                .get("detail").asString()).isEqualTo("An unexpected error occurred");
        assertThat(JSON.readTree(ProblemErrorReportValve.problem(431, null)).get("title").asString())
                .isEqualTo("Request Header Fields Too Large");
    }
}
