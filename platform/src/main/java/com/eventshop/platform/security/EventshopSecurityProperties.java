package com.eventshop.platform.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code eventshop.security.*}: how a service verifies the callers' tokens and obtains its own.
 * Rules are written {@code "METHOD /pattern"} or {@code "/pattern"} (every method), with Spring
 * path patterns ({@code /api/catalog/**}).
 */
@ConfigurationProperties("eventshop.security")
public class EventshopSecurityProperties {

    /**
     * Off only for a trusted network (benchmarks): every caller is then treated as a service
     * identity. On by default.
     */
    private boolean enabled = true;

    /** Where the signing keys are published (accounts); fetched on first use, cached, refetched for an unknown kid. */
    private URI jwksUri = URI.create("http://localhost:8081/.well-known/jwks.json");

    /** The {@code iss} every token must carry. */
    private String issuer = "eventshop-accounts";

    /** Reachable without a token. */
    private List<String> publicPaths = new ArrayList<>(List.of(
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error",
            "/.well-known/**", "/api/status",
            "POST /api/auth/signup", "POST /api/auth/login", "POST /api/auth/refresh", "POST /api/auth/logout",
            "POST /api/auth/service-token", "POST /api/auth/api-token-exchange",
            "GET /api/catalog/**", "GET /media/**", "GET /api/inventory/**", "GET /api/search", "GET /api/search/**"));

    /** More public paths, added by a service to the defaults above. */
    private List<String> extraPublicPaths = new ArrayList<>();

    /** Only an admin (or a service identity) may call these; others get 403. */
    private List<String> adminPaths = new ArrayList<>();

    /** Need a valid token (unless public); anything else is open. Services: everything; the gateway: /api/**. */
    private List<String> authenticatedPaths = new ArrayList<>(List.of("/**"));

    /** Origins allowed to call from a browser (CORS); empty: no cross-origin calls. */
    private List<String> corsAllowedOrigins = new ArrayList<>();

    /** A Content-Security-Policy header for every answer; empty: none. */
    private String contentSecurityPolicy = "";

    /** This service's own identity (client credentials) for calls inside the system. */
    private String clientId;

    private String clientSecret;

    /** Where a service exchanges its client credentials for a token (accounts). */
    private URI tokenUri = URI.create("http://localhost:8081/api/auth/service-token");

    /** A ready-made service token (tests, or a platform that injects one); wins over client credentials. */
    private String serviceToken;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public URI getJwksUri() {
        return jwksUri;
    }

    public void setJwksUri(URI jwksUri) {
        this.jwksUri = jwksUri;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public List<String> getPublicPaths() {
        return publicPaths;
    }

    public void setPublicPaths(List<String> publicPaths) {
        this.publicPaths = publicPaths;
    }

    public List<String> getExtraPublicPaths() {
        return extraPublicPaths;
    }

    public void setExtraPublicPaths(List<String> extraPublicPaths) {
        this.extraPublicPaths = extraPublicPaths;
    }

    public List<String> getAdminPaths() {
        return adminPaths;
    }

    public void setAdminPaths(List<String> adminPaths) {
        this.adminPaths = adminPaths;
    }

    public List<String> getAuthenticatedPaths() {
        return authenticatedPaths;
    }

    public void setAuthenticatedPaths(List<String> authenticatedPaths) {
        this.authenticatedPaths = authenticatedPaths;
    }

    public List<String> getCorsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
        this.corsAllowedOrigins = corsAllowedOrigins;
    }

    public String getContentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    public void setContentSecurityPolicy(String contentSecurityPolicy) {
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public URI getTokenUri() {
        return tokenUri;
    }

    public void setTokenUri(URI tokenUri) {
        this.tokenUri = tokenUri;
    }

    public String getServiceToken() {
        return serviceToken;
    }

    public void setServiceToken(String serviceToken) {
        this.serviceToken = serviceToken;
    }
}
