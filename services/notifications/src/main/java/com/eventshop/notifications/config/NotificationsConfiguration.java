package com.eventshop.notifications.config;

import com.eventshop.notifications.domain.Postman;
import com.eventshop.notifications.mail.EmailRenderer;
import com.eventshop.notifications.mail.SmtpPostman;
import com.eventshop.notifications.streams.NotificationsTopology;
import com.eventshop.platform.kafka.streams.EventshopTopology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** The SMTP postman, the templates and notifications' topology. */
@Configuration(proxyBeanMethods = false)
public class NotificationsConfiguration {

    @Bean
    Postman smtpPostman(JavaMailSender sender, NotificationsProperties properties) {
        return new SmtpPostman(sender, properties.from());
    }

    @Bean
    EventshopTopology notificationsTopology(Postman postman, NotificationsProperties properties) {
        NotificationsTopology.Config config = new NotificationsTopology.Config(postman, new EmailRenderer(),
                properties.sendInterval(), properties.retryBackoff(), properties.maxRetryBackoff(),
                properties.batchBudget(), properties.maxHold(), true);
        return (builder, settings) -> NotificationsTopology.define(builder, config);
    }
}
