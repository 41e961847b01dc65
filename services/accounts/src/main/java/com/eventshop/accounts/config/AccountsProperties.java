package com.eventshop.accounts.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code eventshop.accounts.*}: token lifetimes, key rotation, seeded users, service identities. */
@ConfigurationProperties("eventshop.accounts")
public class AccountsProperties {

    /** Lifetime of an access JWT: short, because it cannot be revoked. */
    private Duration accessTokenTtl = Duration.ofMinutes(5);

    /** Lifetime of a refresh token (each works once; its successor gets a fresh lifetime). */
    private Duration refreshTokenTtl = Duration.ofDays(14);

    /** A new signing key every interval; the old one stays published until its tokens expired. */
    private Duration keyRotationInterval = Duration.ofDays(1);

    /** How often an instance reloads the keys (another instance may have rotated them). */
    private Duration keyReloadInterval = Duration.ofSeconds(30);

    /** The admin account seeded at start (password set to adminPassword at every start when given). */
    private String adminEmail = "admin@eventshop.local";

    private String adminPassword;

    /** Demo customers with the password below (the launcher turns this on). */
    private boolean seedDemoCustomers = false;

    private String demoPassword = "shop-demo-2024";

    /** Service identities: client id to client secret. Each may obtain a service token. */
    private Map<String, String> serviceClients = new LinkedHashMap<>();

    /** Bcrypt cost (2^strength rounds). */
    private int bcryptStrength = 10;

    public Duration getAccessTokenTtl() {
        return accessTokenTtl;
    }

    public void setAccessTokenTtl(Duration accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    public Duration getRefreshTokenTtl() {
        return refreshTokenTtl;
    }

    public void setRefreshTokenTtl(Duration refreshTokenTtl) {
        this.refreshTokenTtl = refreshTokenTtl;
    }

    public Duration getKeyRotationInterval() {
        return keyRotationInterval;
    }

    public void setKeyRotationInterval(Duration keyRotationInterval) {
        this.keyRotationInterval = keyRotationInterval;
    }

    public Duration getKeyReloadInterval() {
        return keyReloadInterval;
    }

    public void setKeyReloadInterval(Duration keyReloadInterval) {
        this.keyReloadInterval = keyReloadInterval;
    }

    public String getAdminEmail() {
        return adminEmail;
    }

    public void setAdminEmail(String adminEmail) {
        this.adminEmail = adminEmail;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    public boolean isSeedDemoCustomers() {
        return seedDemoCustomers;
    }

    public void setSeedDemoCustomers(boolean seedDemoCustomers) {
        this.seedDemoCustomers = seedDemoCustomers;
    }

    public String getDemoPassword() {
        return demoPassword;
    }

    public void setDemoPassword(String demoPassword) {
        this.demoPassword = demoPassword;
    }

    public Map<String, String> getServiceClients() {
        return serviceClients;
    }

    public void setServiceClients(Map<String, String> serviceClients) {
        this.serviceClients = serviceClients;
    }

    public int getBcryptStrength() {
        return bcryptStrength;
    }

    public void setBcryptStrength(int bcryptStrength) {
        this.bcryptStrength = bcryptStrength;
    }
}
