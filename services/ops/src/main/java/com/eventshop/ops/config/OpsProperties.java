package com.eventshop.ops.config;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code eventshop.ops.*}.
 *
 * @param services       base URL of every service to watch, by name
 *                       ({@code eventshop.ops.services.orders=http://localhost:8082}); the launcher
 *                       sets them, a deployment lists its own
 * @param gatewayUrl     the gateway, whose breaker states are relayed (default: services.gateway)
 * @param breakersPath   the gateway's endpoint listing its circuit breakers
 * @param sampleInterval how often topic end offsets and consumer offsets are sampled
 * @param rateWindow     events per second are measured over this window
 * @param feedSize       events kept for a console that connects (newest first)
 * @param emailsSize     recent emails kept
 * @param healthTimeout  how long a health check may take before the service counts as unreachable
 */
@ConfigurationProperties("eventshop.ops")
public record OpsProperties(
        @DefaultValue Map<String, String> services,
        String gatewayUrl,
        @DefaultValue("/api/status") String breakersPath,
        @DefaultValue("2s") Duration sampleInterval,
        @DefaultValue("30s") Duration rateWindow,
        @DefaultValue("200") int feedSize,
        @DefaultValue("50") int emailsSize,
        @DefaultValue("2s") Duration healthTimeout) {

    public OpsProperties {
        services = new TreeMap<>(services == null ? Map.of() : services);
    }

    /** The gateway's base URL, if there is a gateway. */
    public java.util.Optional<String> gateway() {
        return java.util.Optional.ofNullable(gatewayUrl != null && !gatewayUrl.isBlank() ? gatewayUrl : services.get("gateway"));
    }
}
