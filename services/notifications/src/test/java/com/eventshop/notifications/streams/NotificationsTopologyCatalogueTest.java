package com.eventshop.notifications.streams;

import com.eventshop.contracts.Service;
import com.eventshop.devinfra.TopologyCatalogue;
import com.eventshop.notifications.mail.EmailRenderer;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;

/** The topics notifications' topology reads and writes are the ones the topic catalogue gives it. */
class NotificationsTopologyCatalogueTest {

    @Test
    void topologyMatchesTheCatalogue() {
        // What the Spring configuration does with the platform's builder.
        Duration second = Duration.ofSeconds(1);
        StreamsBuilder builder = new StreamsBuilder();
        NotificationsTopology.define(builder, new NotificationsTopology.Config(email -> { }, new EmailRenderer(),
                second, second, second, second, second, false));
        TopologyCatalogue.check(Service.NOTIFICATIONS, builder.build());
    }
}
