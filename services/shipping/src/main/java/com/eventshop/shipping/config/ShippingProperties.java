package com.eventshop.shipping.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code eventshop.shipping.*}.
 *
 * @param checkInterval how often (wall clock) the processor looks for carrier checks that are due
 * @param simulated     the simulated carrier
 * @param webhook       authentication of the carrier webhook
 */
@ConfigurationProperties("eventshop.shipping")
public record ShippingProperties(
        @DefaultValue("500ms") Duration checkInterval,
        @DefaultValue Simulated simulated,
        @DefaultValue Webhook webhook) {

    /** @param stepInterval time a simulated parcel takes from one status to the next */
    public record Simulated(@DefaultValue("5s") Duration stepInterval) {
    }

    /**
     * @param secret    shared HMAC-SHA256 secret of the carrier (set CARRIER_WEBHOOK_SECRET in production)
     * @param tolerance largest difference between a call's timestamp and now; seen signatures are kept this long
     */
    public record Webhook(@DefaultValue("eventshop-demo-carrier-secret") String secret,
                          @DefaultValue("5m") Duration tolerance) {
    }
}
