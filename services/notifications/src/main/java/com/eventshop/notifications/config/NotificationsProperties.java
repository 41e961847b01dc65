package com.eventshop.notifications.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code eventshop.notifications.*}.
 *
 * @param from               sender address of every email
 * @param sendInterval       how often (wall clock) the outbox is looked at
 * @param retryBackoff       wait after the first SMTP failure; doubles per failure
 * @param maxRetryBackoff    longest wait between SMTP attempts
 * @param batchBudget        longest time one round of sending takes (inside one transaction)
 * @param maxHold            longest an email waits for the email of the order's earlier step
 * @param seedDemoCustomers  write the demo customers to the customers topic when they are absent
 *                           (until the accounts service owns that topic)
 */
@ConfigurationProperties("eventshop.notifications")
public record NotificationsProperties(
        @DefaultValue("Eventshop <orders@eventshop.local>") String from,
        @DefaultValue("200ms") Duration sendInterval,
        @DefaultValue("500ms") Duration retryBackoff,
        @DefaultValue("10s") Duration maxRetryBackoff,
        @DefaultValue("3s") Duration batchBudget,
        @DefaultValue("30s") Duration maxHold,
        @DefaultValue("false") boolean seedDemoCustomers) {
}
