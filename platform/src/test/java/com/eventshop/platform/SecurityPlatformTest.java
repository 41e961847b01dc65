package com.eventshop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.devinfra.TestTokens;
import com.eventshop.platform.testapp.TestApplication;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A service verifies every token itself: bad ones are 401 problems, a role that does not fit is 403. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "eventshop.security.admin-paths=POST /api/widgets")
class SecurityPlatformTest {

    static final TestTokens TOKENS = TestTokens.shared();

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void aValidTokenPasses() {
        HttpResponse<String> response = http.get("/api/widgets/1", "Authorization",
                TestTokens.bearer(TOKENS.customer("c-1")));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void missingExpiredForgedUnsignedAndUnknownKidTokensAre401Problems() {
        assertUnauthorized(http.get("/api/widgets/1", "Authorization", "Bearer"));
        assertUnauthorized(http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/widgets/1")).GET().build()));
        assertUnauthorized(http.get("/api/widgets/1", "Authorization", TestTokens.bearer(TOKENS.expired("c-1"))));
        assertUnauthorized(http.get("/api/widgets/1", "Authorization", TestTokens.bearer(TOKENS.forged("c-1"))));
        assertUnauthorized(http.get("/api/widgets/1", "Authorization", TestTokens.bearer(TOKENS.unsigned("c-1"))));
        assertUnauthorized(http.get("/api/widgets/1", "Authorization", TestTokens.bearer(TOKENS.unknownKid("c-1"))));
        assertUnauthorized(http.get("/api/widgets/1", "Authorization", "Bearer not-a-jwt"));
    }

    @Test
    void publicEndpointsNeedNoToken() {
        HttpResponse<String> health = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/actuator/health/liveness")).GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> docs = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/v3/api-docs")).GET().build());
        assertThat(docs.statusCode()).isEqualTo(200);
    }

    @Test
    void aCustomerOnAnAdminEndpointIs403AndAnAdminPasses() {
        HttpResponse<String> customer = http.postJson("/api/widgets", "{\"name\":\"gear\",\"quantity\":3}",
                "Authorization", TestTokens.bearer(TOKENS.customer("c-1")));
        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(customer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> admin = http.postJson("/api/widgets", "{\"name\":\"gear\",\"quantity\":3}",
                "Authorization", TestTokens.bearer(TOKENS.admin()));
        assertThat(admin.statusCode()).isEqualTo(201);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(Http.json(response).get("status").asInt()).isEqualTo(401);
    }
}
