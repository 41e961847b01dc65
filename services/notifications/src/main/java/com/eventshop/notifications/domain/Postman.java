package com.eventshop.notifications.domain;

/** Hands an email to the mail server; returns normally only when the server accepted it (SMTP 250). */
@FunctionalInterface
public interface Postman {
    void deliver(Email email) throws Exception;
}
