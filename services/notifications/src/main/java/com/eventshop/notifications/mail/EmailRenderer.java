package com.eventshop.notifications.mail;

import com.eventshop.notifications.domain.Email;
import com.eventshop.notifications.domain.EmailKind;
import java.util.Map;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an email from the Thymeleaf templates {@code templates/mail/<kind>.txt} (text mode) and
 * {@code <kind>.html} (HTML mode, every value escaped by the engine).
 */
public final class EmailRenderer {

    private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt");
    private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html");

    public Email render(String notificationId, EmailKind kind, String orderId, String to, String name,
                        Map<String, String> facts) {
        String subject = kind.subject(orderId);
        Context context = new Context();
        context.setVariable("name", name);
        context.setVariable("orderId", orderId);
        context.setVariable("subject", subject);
        context.setVariable("facts", facts);
        return new Email(notificationId, Email.messageIdOf(notificationId), to, name, subject,
                text.process(kind.template(), context), html.process(kind.template(), context));
    }

    private static SpringTemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
