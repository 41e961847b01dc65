package com.eventshop.accounts.tokens;

import com.eventshop.accounts.config.AccountsProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Signs access JWTs: ES256 with the current key's {@code kid}, the Eventshop issuer, short-lived. */
@Component
public class TokenIssuer {

    /** A signed access token and how long it lives. */
    public record AccessToken(String token, Duration expiresIn) {
    }

    private final SigningKeys keys;
    private final AccountsProperties properties;
    private final Clock clock;
    private final String issuer;

    public TokenIssuer(SigningKeys keys, AccountsProperties properties, Clock clock,
            @Value("${eventshop.security.issuer:eventshop-accounts}") String issuer) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.issuer = issuer;
    }

    /**
     * @param subject the customer or admin id, or {@code service:<client>}
     * @param via     how the caller proved who it is (password, refresh, api_token, client_credentials)
     */
    public AccessToken issue(String subject, List<String> roles, String email, String via) {
        Instant now = clock.instant();
        Duration ttl = properties.getAccessTokenTtl();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString()).claim("roles", roles).claim("amr", via);
        if (email != null) {
            claims.claim("email", email);
        }
        ECKey key = keys.signingKey();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new ECDSASigner(key));
            return new AccessToken(jwt.serialize(), ttl);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }
}
