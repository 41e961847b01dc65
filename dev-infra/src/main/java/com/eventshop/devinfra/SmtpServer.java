package com.eventshop.devinfra;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1 that accepts mail for any address without
 * authentication and keeps it in memory, so tests and the ops console can show what was sent.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);

    public static final int DEFAULT_PORT = 3025;
    public static final String HOST = "127.0.0.1";

    /**
     * One received mail.
     *
     * @param from       sender addresses, comma separated
     * @param to         the To recipients
     * @param subject    subject line ("" when none)
     * @param text       the plain-text body, or the HTML body when there is no plain text
     * @param receivedAt when the server accepted it
     */
    public record MailMessage(String from, List<String> to, String subject, String text, Instant receivedAt) {
        public MailMessage {
            to = List.copyOf(to);
        }
    }

    private final GreenMail greenMail;

    private SmtpServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts the server on {@code port}; 0 picks a free port (see {@link #port()}). */
    public static SmtpServer start(int port) {
        ServerSetup setup = new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(port == 0 ? setup.dynamicPort() : setup)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try {
            greenMail.start();
        } catch (RuntimeException e) {
            throw new DevInfraException("SMTP server did not start on port " + port + ": " + e.getMessage(), e);
        }
        SmtpServer server = new SmtpServer(greenMail);
        log.info("SMTP server ready on {}:{}", HOST, server.port());
        return server;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Every mail received so far, oldest first; a mail to several recipients appears once. */
    public List<MailMessage> receivedMessages() {
        // GreenMail stores one copy per recipient mailbox; the Message-ID ties the copies together.
        Map<String, MailMessage> byId = new LinkedHashMap<>();
        for (StoredMessage stored : greenMail.getManagers().getImapHostManager().getAllMessages()) {
            try {
                MimeMessage message = stored.getMimeMessage();
                String id = Optional.ofNullable(message.getMessageID()).orElse("uid-" + stored.getUid());
                byId.putIfAbsent(id, toMailMessage(message, stored.getReceivedDate().toInstant()));
            } catch (MessagingException | IOException e) {
                log.warn("Skipping a received mail that cannot be read", e);
            }
        }
        return byId.values().stream().sorted(Comparator.comparing(MailMessage::receivedAt)).toList();
    }

    /**
     * Every delivery as stored, oldest first: a mail to several recipients appears once per
     * recipient, and a mail sent twice (even with the same Message-ID) appears twice. For
     * checking that nothing was sent twice.
     */
    public List<MailMessage> deliveries() {
        List<MailMessage> all = new java.util.ArrayList<>();
        for (StoredMessage stored : greenMail.getManagers().getImapHostManager().getAllMessages()) {
            try {
                all.add(toMailMessage(stored.getMimeMessage(), stored.getReceivedDate().toInstant()));
            } catch (MessagingException | IOException e) {
                log.warn("Skipping a received mail that cannot be read", e);
            }
        }
        return all.stream().sorted(Comparator.comparing(MailMessage::receivedAt)).toList();
    }

    private static MailMessage toMailMessage(MimeMessage message, Instant receivedAt)
            throws MessagingException, IOException {
        Optional<String> text = findText(message, "text/plain");
        if (text.isEmpty()) {
            text = findText(message, "text/html");
        }
        return new MailMessage(
                String.join(", ", addresses(message.getFrom())),
                addresses(message.getRecipients(RecipientType.TO)),
                Optional.ofNullable(message.getSubject()).orElse(""),
                text.orElse(""),
                receivedAt);
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    /** The first part of the given text type, looking into nested multiparts. */
    private static Optional<String> findText(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return Optional.of(part.getContent().toString());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<String> text = findText(multipart.getBodyPart(i), mimeType);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
