package com.eventshop.notifications.domain;

/**
 * One rendered email.
 *
 * @param messageId the Message-ID header, derived from the notification id: a resend carries the same one
 */
public record Email(String notificationId, String messageId, String to, String toName, String subject,
                    String text, String html) {

    /** {@code <o-1.CONFIRMED@notifications.eventshop>}: the same for every attempt of one notification. */
    public static String messageIdOf(String notificationId) {
        return "<" + notificationId.replaceAll("[^A-Za-z0-9._-]", ".") + "@notifications.eventshop>";
    }
}
