package com.eventshop.notifications.mail;

import com.eventshop.notifications.domain.Email;
import com.eventshop.notifications.domain.Postman;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends through SMTP (Spring's JavaMailSender, {@code spring.mail.*}): a multipart text + HTML
 * message with a Message-ID derived from the notification id, so a resend after a crash is
 * recognisable as the same message.
 */
public final class SmtpPostman implements Postman {

    private final JavaMailSender sender;
    private final InternetAddress from;

    public SmtpPostman(JavaMailSender sender, String from) {
        this.sender = sender;
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("eventshop.notifications.from is not an address: " + from, e);
        }
    }

    @Override
    public void deliver(Email email) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new FixedIdMimeMessage(sender, email.messageId());
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(new InternetAddress(email.to(), email.toName(), StandardCharsets.UTF_8.name()));
        helper.setSubject(email.subject());
        helper.setText(email.text(), email.html());
        sender.send(message);
    }

    /** Keeps the Message-ID given instead of making a new one on save. */
    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String messageId;

        FixedIdMimeMessage(JavaMailSender sender, String messageId) {
            super(sender instanceof JavaMailSenderImpl impl ? impl.getSession() : null);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
