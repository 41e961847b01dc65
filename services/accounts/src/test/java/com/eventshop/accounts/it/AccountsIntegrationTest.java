package com.eventshop.accounts.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.accounts.AccountsApplication;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.tables.Customer;
import com.eventshop.devinfra.PostgresServer;
import com.eventshop.devinfra.TestKafka;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Accounts on a real PostgreSQL and a real broker, through real HTTP. */
@SpringBootTest(classes = AccountsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=accounts", "EVENTSHOP_LOG_FORMAT=plain",
                "eventshop.accounts.admin-password=admin-secret-7d2",
                "eventshop.accounts.service-clients.orders=orders-secret",
                "eventshop.accounts.bcrypt-strength=4"})
class AccountsIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static PostgresServer postgres;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        postgres = PostgresServer.start(PostgresServer.Settings.of(
                Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg")).withPort(0));
        postgres.ensureDatabase("accounts");
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl("accounts"));
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void signUpLogInRefreshRotatesAndLogOutEndsTheLogin() {
        String email = "ada-" + UUID.randomUUID() + "@example.org";
        HttpResponse<String> signup = post("/api/auth/signup", null, "{\"email\":\"" + email
                + "\",\"password\":\"correct horse battery\",\"name\":\"Ada\",\"address\":{\"street\":\"1 Main St\","
                + "\"city\":\"Lyon\",\"postalCode\":\"69001\",\"country\":\"fr\"}}");
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
        String customerId = json(signup).get("customerId").asString();

        // the same email again is a conflict; weak or malformed input is 400 naming the fields
        assertThat(post("/api/auth/signup", null, "{\"email\":\"" + email.toUpperCase()
                + "\",\"password\":\"correct horse battery\",\"name\":\"Ada\"}").statusCode()).isEqualTo(409);
        HttpResponse<String> weak = post("/api/auth/signup", null,
                "{\"email\":\"not-an-email\",\"password\":\"password1\",\"name\":\"\"}");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("email").contains("password").contains("name");

        // wrong password: 401
        assertThat(post("/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"wrong horse battery\"}")
                .statusCode()).isEqualTo(401);

        JsonNode login = json(post("/api/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}"));
        String access = login.get("accessToken").asString();
        String refresh = login.get("refreshToken").asString();
        assertThat(header(access)).contains("\"ES256\"").contains("\"kid\"");
        assertThat(get("/api/customers/me", access).body()).contains(customerId);

        JsonNode refreshed = json(post("/api/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}"));
        String refresh2 = refreshed.get("refreshToken").asString();
        assertThat(refresh2).isNotEqualTo(refresh);
        assertThat(get("/api/customers/me", refreshed.get("accessToken").asString()).statusCode()).isEqualTo(200);

        // the old refresh token is refused after rotation, and its reuse closes the whole login
        assertThat(post("/api/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}").statusCode()).isEqualTo(401);
        assertThat(post("/api/auth/refresh", null, "{\"refreshToken\":\"" + refresh2 + "\"}").statusCode()).isEqualTo(401);

        // logout: the refresh token of a new login stops working
        String refresh3 = json(post("/api/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}")).get("refreshToken").asString();
        assertThat(post("/api/auth/logout", null, "{\"refreshToken\":\"" + refresh3 + "\"}").statusCode()).isEqualTo(204);
        assertThat(post("/api/auth/refresh", null, "{\"refreshToken\":\"" + refresh3 + "\"}").statusCode()).isEqualTo(401);

        // the customer is on the customers topic
        List<SpecificRecord> published = TestKafka.values(Topics.CUSTOMERS, customerId, Duration.ofSeconds(30),
                values -> !values.isEmpty());
        assertThat(published).isNotEmpty();
        Customer customer = (Customer) published.get(published.size() - 1);
        assertThat(customer.getEmail()).isEqualTo(email);
        assertThat(customer.getAddress().getCountry()).isEqualTo("FR");
    }

    @Test
    void missingExpiredOrForgedTokensAre401() {
        assertThat(get("/api/customers/me", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/customers/me", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").statusCode()).isEqualTo(401);
        assertThat(get("/api/customers/me", com.eventshop.devinfra.TestTokens.shared().customer("c-1")).statusCode())
                .isEqualTo(401); // signed by a key accounts never published
    }

    @Test
    void keyRotationKeepsOldTokensValidAndPublishesBothKeys() throws Exception {
        String admin = adminToken();
        String oldKid = SignedJWT.parse(admin).getHeader().getKeyID();
        HttpResponse<String> rotated = post("/api/auth/signing-keys/rotate", admin, "");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newKid = json(rotated).get("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);

        String jwks = get("/.well-known/jwks.json", null).body();
        assertThat(jwks).contains(oldKid).contains(newKid).doesNotContain("\"d\"");
        assertThat(get("/api/customers/me", admin).statusCode()).isEqualTo(200); // old token, old key: still valid
        assertThat(SignedJWT.parse(adminToken()).getHeader().getKeyID()).isEqualTo(newKid);
    }

    @Test
    void onlyAnAdminRotatesKeys() {
        String email = "bob-" + UUID.randomUUID() + "@example.org";
        post("/api/auth/signup", null, "{\"email\":\"" + email + "\",\"password\":\"long enough secret\",\"name\":\"Bob\"}");
        String customer = json(post("/api/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"long enough secret\"}")).get("accessToken").asString();
        assertThat(post("/api/auth/signing-keys/rotate", customer, "").statusCode()).isEqualTo(403);
    }

    @Test
    void apiTokensAreShownOnceExchangedAndRevocable() {
        String email = "script-" + UUID.randomUUID() + "@example.org";
        post("/api/auth/signup", null, "{\"email\":\"" + email + "\",\"password\":\"long enough secret\",\"name\":\"Bot\"}");
        String access = json(post("/api/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"long enough secret\"}")).get("accessToken").asString();
        JsonNode created = json(post("/api/auth/api-tokens", access, "{\"name\":\"nightly export\"}"));
        String token = created.get("token").asString();
        assertThat(token).startsWith("esk_");
        assertThat(get("/api/auth/api-tokens", access).body()).contains("nightly export").doesNotContain(token);

        HttpResponse<String> exchanged = post("/api/auth/api-token-exchange", null, "{\"apiToken\":\"" + token + "\"}");
        assertThat(exchanged.statusCode()).isEqualTo(200);
        String viaToken = json(exchanged).get("accessToken").asString();
        assertThat(json(get("/api/customers/me", viaToken)).get("email").asString()).isEqualTo(email);

        assertThat(delete("/api/auth/api-tokens/" + created.get("id").asString(), access).statusCode()).isEqualTo(204);
        assertThat(post("/api/auth/api-token-exchange", null, "{\"apiToken\":\"" + token + "\"}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void serviceIdentitiesGetServiceTokens() {
        HttpResponse<String> ok = post("/api/auth/service-token", null,
                "{\"clientId\":\"orders\",\"clientSecret\":\"orders-secret\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        String token = json(ok).get("accessToken").asString();
        assertThat(payload(token)).contains("\"service:orders\"").contains("\"service\"");
        assertThat(post("/api/auth/service-token", null, "{\"clientId\":\"orders\",\"clientSecret\":\"guess\"}")
                .statusCode()).isEqualTo(401);
        assertThat(post("/api/auth/service-token", null, "{\"clientId\":\"nobody\",\"clientSecret\":\"\"}")
                .statusCode()).isEqualTo(401);
    }

    private String adminToken() {
        return json(post("/api/auth/login", null,
                "{\"email\":\"admin@eventshop.local\",\"password\":\"admin-secret-7d2\"}")).get("accessToken").asString();
    }

    private static String header(String jwt) {
        return new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }

    private static String payload(String jwt) {
        return new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    private HttpResponse<String> delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    private HttpResponse<String> post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
