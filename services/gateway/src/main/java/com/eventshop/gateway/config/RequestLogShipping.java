package com.eventshop.gateway.config;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.eventshop.gateway.web.RequestLogFilter;
import net.logstash.logback.appender.LogstashTcpSocketAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Ships the request log to a Logstash TCP input (codec json_lines) when
 * {@code eventshop.gateway.request-log.logstash-destination} names one. Asynchronous and
 * reconnecting (logstash-logback-encoder's appender): Logstash being away never slows requests.
 */
@Component
public class RequestLogShipping implements InitializingBean, DisposableBean {

    private final GatewayProperties properties;
    private LogstashTcpSocketAppender appender;

    public RequestLogShipping(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        String destination = properties.getRequestLog().getLogstashDestination();
        if (destination == null || destination.isBlank()
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        appender = new LogstashTcpSocketAppender();
        appender.setName("eventshop-requests-logstash-" + System.identityHashCode(this));
        appender.setContext(context);
        appender.addDestination(destination.strip());
        appender.setEncoder(encoder);
        appender.start();
        Logger logger = context.getLogger(RequestLogFilter.LOGGER);
        logger.addAppender(appender);
    }

    @Override
    public void destroy() {
        if (appender != null) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(RequestLogFilter.LOGGER).detachAppender(appender);
            appender.stop();
        }
    }
}
