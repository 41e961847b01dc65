package com.eventshop.accounts.api;

import com.eventshop.accounts.store.AccountStore;
import com.eventshop.accounts.store.User;
import com.eventshop.contracts.Address;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.tables.Customer;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes customers to the compacted {@code customers} topic, from the database (an outbox in the
 * users table: {@code published_version < version}). A change is published right after it is
 * committed; if Kafka is away, the next run (every second) tries again, so every change reaches
 * the topic at least once and the latest version always wins.
 */
@Component
public class CustomerPublisher {

    private static final Logger log = LoggerFactory.getLogger(CustomerPublisher.class);

    private final AccountStore store;
    private final KafkaTemplate<String, SpecificRecord> kafka;

    public CustomerPublisher(AccountStore store, KafkaTemplate<String, SpecificRecord> kafka) {
        this.store = store;
        this.kafka = kafka;
    }

    @Scheduled(fixedDelayString = "${eventshop.accounts.publish-interval:1s}")
    public synchronized void publishPending() {
        try {
            for (User user : store.unpublishedCustomers(500)) {
                kafka.send(Topics.CUSTOMERS.name(), user.id(), toCustomer(user)).get(10, TimeUnit.SECONDS);
                store.markPublished(user.id(), user.version());
            }
        } catch (Exception e) {
            log.warn("Customers not published yet (retrying): {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Customer toCustomer(User user) {
        User.PostalAddress a = user.address();
        Address address = a != null && a.complete() ? Address.newBuilder().setName(user.name())
                .setStreet(a.street()).setCity(a.city()).setPostalCode(a.postalCode()).setCountry(a.country()).build()
                : null;
        return Customer.newBuilder().setCustomerId(user.id()).setEmail(user.email()).setName(user.name())
                .setAddress(address).setUpdatedAt(user.updatedAt()).build();
    }
}
