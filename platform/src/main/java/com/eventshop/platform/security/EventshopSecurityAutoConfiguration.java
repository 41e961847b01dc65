package com.eventshop.platform.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Every service verifies the bearer JWT of each request (secure by default): signed by a key of
 * the JWKS that accounts publishes (ES256 or RS256 only, so {@code alg:none} and HMAC tricks are
 * refused), from the Eventshop issuer, not expired. Missing or bad tokens get a 401 problem, a
 * role that does not fit a 403 problem. Public paths (health, API docs, auth, catalogue reads)
 * stay public. A service may declare its own {@link JwtDecoder} (accounts verifies with its own
 * keys) or {@link SecurityFilterChain}.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(EventshopSecurityProperties.class)
public class EventshopSecurityAutoConfiguration {

    /** Tokens carry their roles in the {@code roles} claim; Spring sees them as ROLE_<role>. */
    public static final String ROLES_CLAIM = "roles";

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder eventshopJwtDecoder(EventshopSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.getJwksUri().toString())
                .jwsAlgorithms(algorithms -> {
                    algorithms.clear();
                    algorithms.add(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES256);
                    algorithms.add(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256);
                })
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.getIssuer())));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceTokens eventshopServiceTokens(EventshopSecurityProperties properties, ObjectProvider<Clock> clock) {
        return new ServiceTokens(properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain eventshopSecurityFilterChain(HttpSecurity http, EventshopSecurityProperties properties,
            ObjectProvider<JwtDecoder> decoder) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        http.csrf(csrf -> csrf.disable()) // bearer tokens, no cookies: nothing for CSRF to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .cors(cors -> cors.configurationSource(corsSource(properties)))
                .headers(headers -> {
                    headers.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER));
                    if (!properties.getContentSecurityPolicy().isBlank()) {
                        headers.contentSecurityPolicy(csp -> csp.policyDirectives(properties.getContentSecurityPolicy()));
                    }
                })
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (!properties.isEnabled()) {
            // Trusted network only: every caller acts as a service identity.
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .anonymous(a -> a.principal("service:unauthenticated")
                            .authorities(List.of(new SimpleGrantedAuthority("ROLE_" + RequestUser.SERVICE))));
            return http.build();
        }
        http.authorizeHttpRequests(auth -> {
            List<String> open = new ArrayList<>(properties.getPublicPaths());
            open.addAll(properties.getExtraPublicPaths());
            auth.requestMatchers(matchers(open)).permitAll();
            if (!properties.getAdminPaths().isEmpty()) {
                auth.requestMatchers(matchers(properties.getAdminPaths()))
                        .hasAnyRole(RequestUser.ADMIN, RequestUser.SERVICE);
            }
            auth.requestMatchers(matchers(properties.getAuthenticatedPaths())).authenticated();
            auth.anyRequest().permitAll();
        }).oauth2ResourceServer(resource -> resource
                .jwt(jwt -> jwt.decoder(decoder.getObject()).jwtAuthenticationConverter(new RolesConverter()))
                .authenticationEntryPoint(problems)
                .accessDeniedHandler(problems));
        return http.build();
    }

    /** "GET /api/catalog/**" or "/api/status" as request matchers. */
    static RequestMatcher[] matchers(List<String> rules) {
        return rules.stream().map(String::strip).filter(r -> !r.isEmpty()).map(rule -> {
            int space = rule.indexOf(' ');
            if (space < 0) {
                return PathPatternRequestMatcher.withDefaults().matcher(rule);
            }
            HttpMethod method = HttpMethod.valueOf(rule.substring(0, space).toUpperCase(Locale.ROOT));
            return PathPatternRequestMatcher.withDefaults().matcher(method, rule.substring(space + 1).strip());
        }).toArray(RequestMatcher[]::new);
    }

    private static CorsConfigurationSource corsSource(EventshopSecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.getCorsAllowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.getCorsAllowedOrigins());
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Trace-Id"));
            cors.setExposedHeaders(List.of("Location", "Retry-After", "X-Trace-Id"));
            cors.setMaxAge(3600L);
            source.registerCorsConfiguration("/**", cors);
        }
        return source;
    }

    /** The token's subject becomes the principal name, its {@code roles} the authorities. */
    static final class RolesConverter implements Converter<Jwt, AbstractAuthenticationToken> {
        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
            if (roles != null) {
                roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            return new JwtAuthenticationToken(jwt, authorities.isEmpty() ? AuthorityUtils.NO_AUTHORITIES : authorities,
                    jwt.getSubject());
        }
    }

}
