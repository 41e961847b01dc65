package com.eventshop.devinfra;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.devinfra.SmtpServer.MailMessage;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmtpServerTest {

    @Test
    void receivesMailForAnyAddressWithoutAuthentication() throws Exception {
        long started = System.nanoTime();
        try (SmtpServer smtp = SmtpServer.start(0)) {
            System.out.printf("SMTP ready in %d ms%n", KafkaClusterTest.millisSince(started));
            assertThat(smtp.port()).isPositive();
            Instant before = Instant.now().minusSeconds(1);
            Session session = session(smtp);

            MimeMessage plain = new MimeMessage(session);
            plain.setFrom(new InternetAddress("shop@eventshop.test"));
            plain.setRecipients(RecipientType.TO, "ada@example.com, bob@example.com");
            plain.setSubject("Your order 42 is confirmed");
            plain.setText("Thank you for your order.");
            Transport.send(plain);

            MimeMessage alternative = new MimeMessage(session);
            alternative.setFrom(new InternetAddress("shop@eventshop.test"));
            alternative.setRecipients(RecipientType.TO, "carol@example.com");
            alternative.setSubject("Shipped");
            MimeMultipart parts = new MimeMultipart("alternative");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent("<p>On its way</p>", "text/html; charset=utf-8");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("On its way");
            parts.addBodyPart(html);
            parts.addBodyPart(text);
            alternative.setContent(parts);
            Transport.send(alternative);

            List<MailMessage> received = smtp.receivedMessages();
            assertThat(received).hasSize(2);
            MailMessage first = received.get(0);
            assertThat(first.from()).isEqualTo("shop@eventshop.test");
            assertThat(first.to()).containsExactly("ada@example.com", "bob@example.com");
            assertThat(first.subject()).isEqualTo("Your order 42 is confirmed");
            assertThat(first.text()).isEqualTo("Thank you for your order.");
            assertThat(first.receivedAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
            assertThat(received.get(1).subject()).isEqualTo("Shipped");
            assertThat(received.get(1).text()).isEqualTo("On its way");
        }
    }

    private static Session session(SmtpServer smtp) {
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        return Session.getInstance(props);
    }
}
