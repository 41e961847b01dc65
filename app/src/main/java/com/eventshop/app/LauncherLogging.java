package com.eventshop.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Routes every log of the one-JVM run to files under the data directory: a JSON file (one
 * logstash object per line, what log shippers read) and a readable one. The console stays
 * for the launcher's own progress lines.
 */
final class LauncherLogging {

    private LauncherLogging() {
    }

    static Path configure(Path dataDir) {
        // Spring Boot would re-initialise logging for each service context; the launcher owns it.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        Path logs = dataDir.resolve("logs");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        LogstashEncoder json = new LogstashEncoder();
        json.setContext(context);
        json.setCustomFields("{\"platform\":\"eventshop\"}");
        json.start();

        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} %X{traceId:-} - %msg%n");
        text.start();

        // Tomcat and a few libraries log through java.util.logging, which prints to the console.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        ch.qos.logback.classic.jul.LevelChangePropagator levels = new ch.qos.logback.classic.jul.LevelChangePropagator();
        levels.setContext(context);
        levels.setResetJUL(true);
        levels.start();
        context.addListener(levels);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(fileAppender(context, logs, "eventshop.json", json));
        root.addAppender(fileAppender(context, logs, "eventshop.log", text));
        // The broker and clients log every partition move at INFO: keep the files readable.
        for (String chatty : new String[] {"kafka", "org.apache.kafka", "state.change.logger",
                "org.apache.zookeeper", "io.zonky", "com.icegreen"}) {
            context.getLogger(chatty).setLevel(Level.WARN);
        }
        return logs;
    }

    private static RollingFileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path logs,
            String name, ch.qos.logback.core.encoder.Encoder<ILoggingEvent> encoder) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setFile(logs.resolve(name).toString());
        appender.setEncoder(encoder);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(logs.resolve(name + ".%d{yyyy-MM-dd}.%i.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("50MB"));
        policy.setMaxHistory(7);
        policy.setTotalSizeCap(FileSize.valueOf("500MB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.start();
        return appender;
    }
}
