package com.eventshop.accounts.config;

import com.eventshop.accounts.tokens.SigningKeys;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

@Configuration(proxyBeanMethods = false)
public class AccountsConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** BCrypt (Spring Security's encoder): salted, deliberately slow, no extra library needed. */
    @Bean
    PasswordEncoder passwordEncoder(AccountsProperties properties) {
        return new BCryptPasswordEncoder(properties.getBcryptStrength());
    }

    /**
     * Accounts verifies tokens with its own published keys, without fetching its own JWKS over
     * HTTP (the platform's decoder backs off when a service declares one). An unknown kid makes
     * it reload the keys once: another instance may just have rotated.
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, @Value("${eventshop.security.issuer:eventshop-accounts}") String issuer) {
        JWKSource<SecurityContext> source = (selector, context) -> {
            var found = selector.select(keys.publicKeys());
            return found.isEmpty() ? selector.select(keys.reloadForUnknownKid()) : found;
        };
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, source));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
            // expiry, not-before and issuer: checked by Spring's validators below
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }
}
