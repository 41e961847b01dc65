package com.eventshop.devinfra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * For services' tests: signs access tokens the way accounts does (ES256, {@code kid}, issuer
 * {@value #ISSUER}, {@code roles} claim) with a test key, and publishes that key as a JWKS over
 * real HTTP. Point a service at it with {@code eventshop.security.jwks-uri=}{@link #jwksUri()}.
 * One instance per test JVM ({@link #shared()}); each test may also make its own.
 */
public final class TestTokens implements AutoCloseable {

    public static final String ISSUER = "eventshop-accounts";

    private static TestTokens shared;

    private final ECKey key;
    private final ECKey strangerKey;
    private final HttpServer server;

    private TestTokens() {
        try {
            key = new ECKeyGenerator(Curve.P_256).keyID("test-" + UUID.randomUUID()).generate();
            strangerKey = new ECKeyGenerator(Curve.P_256).keyID("stranger").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }

    /** The one signer of this test JVM, started on first use. */
    public static synchronized TestTokens shared() {
        if (shared == null) {
            shared = new TestTokens();
        }
        return shared;
    }

    public static TestTokens start() {
        return new TestTokens();
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** A customer's access token; the customer id is the subject. */
    public String customer(String customerId) {
        return token(customerId, List.of("customer"), Duration.ofMinutes(10));
    }

    public String admin() {
        return token("admin-test", List.of("admin"), Duration.ofMinutes(10));
    }

    /** A service identity ({@code service:<name>}): may act for any customer. */
    public String service(String name) {
        return token("service:" + name, List.of("service"), Duration.ofMinutes(10));
    }

    /** {@code Bearer <token>} */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public String token(String subject, List<String> roles, Duration ttl) {
        return sign(key, subject, roles, Instant.now(), Instant.now().plus(ttl));
    }

    /** Expired a minute ago (beyond any clock skew allowance). */
    public String expired(String subject) {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        return sign(key, subject, List.of("customer"), past, past.plus(Duration.ofMinutes(5)));
    }

    /** Signed by a key nobody published, but claiming the published key's kid. */
    public String forged(String subject) {
        ECKey impostor = new ECKey.Builder(strangerKey).keyID(key.getKeyID()).build();
        return sign(impostor, subject, List.of("admin"), Instant.now(), Instant.now().plusSeconds(600));
    }

    /** Signed with a key whose kid is not in the JWKS. */
    public String unknownKid(String subject) {
        return sign(strangerKey, subject, List.of("customer"), Instant.now(), Instant.now().plusSeconds(600));
    }

    /** An unsigned token ({@code alg: none}) with valid claims. */
    public String unsigned(String subject) {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + key.getKeyID() + "\"}");
        JWTClaimsSet claims = claims(subject, List.of("admin"), Instant.now(), Instant.now().plusSeconds(600));
        return header + "." + base64(claims.toString()) + ".";
    }

    private static String sign(ECKey with, String subject, List<String> roles, Instant issued, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(with.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims(subject, roles, issued, expires));
            jwt.sign(new ECDSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet claims(String subject, List<String> roles, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).claim("roles", roles)
                .issueTime(Date.from(issued)).expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString())
                .build();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
