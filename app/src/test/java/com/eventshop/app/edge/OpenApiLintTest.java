package com.eventshop.app.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The linter finds what it is meant to find. */
class OpenApiLintTest {

    @Test
    void aCleanDescriptionHasNoMessage() {
        assertThat(OpenApiLint.lint("""
                {"openapi":"3.0.1","info":{"title":"t","version":"1"},"security":[{"bearer":[]}],
                 "components":{"securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}}},"paths":{"/a/{id}":{"get":{
                  "operationId":"getA","summary":"An a","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
                  "responses":{"200":{"description":"the a"},
                               "404":{"description":"no such a","content":{"application/problem+json":{"schema":{"type":"object"}}}}}}}}}
                """)).isEmpty();
    }

    @Test
    void theUsualMistakesAreFound() {
        assertThat(OpenApiLint.lint("""
                {"openapi":"3.0.1","info":{"title":"t","version":"1"},"paths":{
                  "/a/{id}":{"get":{"responses":{"200":{"description":"ok"},
                                                 "404":{"description":"no","content":{"application/json":{}}}}}},
                  "/c":{"get":{"operationId":"c","summary":"c","parameters":[{"name":"q","in":"query","schema":{"type":"string"}}],
                               "responses":{"200":{"description":"ok"}}}},
                  "/b":{"get":{"operationId":"x","responses":{"200":{}}},
                        "post":{"operationId":"x","responses":{"400":{"description":"bad",
                                "content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Nowhere"}}}}}}}}}
                """)).anySatisfy(e -> assertThat(e).contains("GET /a/{id}: no operationId"))
                .anySatisfy(e -> assertThat(e).contains("do not match the template"))
                .anySatisfy(e -> assertThat(e).contains("404 is not documented as application/problem+json"))
                .anySatisfy(e -> assertThat(e).contains("operationId x is also used by"))
                .anySatisfy(e -> assertThat(e).contains("no success response"))
                .anySatisfy(e -> assertThat(e).contains("parser: "))
                .anySatisfy(e -> assertThat(e).contains("no summary"))
                .anySatisfy(e -> assertThat(e).contains("no security defined"))
                .anySatisfy(e -> assertThat(e).contains("GET /c: no 4xx response documented"));
    }
}
