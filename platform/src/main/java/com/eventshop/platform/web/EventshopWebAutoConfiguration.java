package com.eventshop.platform.web;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side every Eventshop service shares: trace ids, the body size limit, problem+json for
 * every error (including {@code /error}) and strict JSON request bodies. Runs before Boot's MVC
 * auto-configuration so that Boot's own problem-details handler and BasicErrorController back off.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration", beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(EventshopHttpProperties.class)
public class EventshopWebAutoConfiguration {

    @Bean
    FilterRegistrationBean<TraceIdFilter> eventshopTraceIdFilter() {
        FilterRegistrationBean<TraceIdFilter> registration = new FilterRegistrationBean<>(new TraceIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<MaxBodySizeFilter> eventshopMaxBodySizeFilter(EventshopHttpProperties properties) {
        FilterRegistrationBean<MaxBodySizeFilter> registration =
                new FilterRegistrationBean<>(new MaxBodySizeFilter(properties.getMaxBodyBytes().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** What Tomcat rejects before Spring sees the request is problem+json too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatProblems {

        @Bean
        ProblemTomcatCustomizer eventshopProblemTomcatCustomizer() {
            return new ProblemTomcatCustomizer();
        }
    }

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemDetailsAdvice eventshopProblemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    @ConditionalOnMissingBean(org.springframework.boot.webmvc.error.ErrorController.class)
    ProblemErrorController eventshopProblemErrorController() {
        return new ProblemErrorController();
    }

    /**
     * Request bodies must not carry fields the target type does not have (a typo in a client
     * must not be silently ignored). Only the server-side converter is made strict: clients
     * built from the shared JsonMapper stay tolerant of fields added by newer peers.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    @ConditionalOnBean(JsonMapper.class)
    ServerHttpMessageConvertersCustomizer eventshopStrictJsonRequests(JsonMapper jsonMapper,
            EventshopHttpProperties properties) {
        return builder -> {
            if (properties.isRejectUnknownFields()) {
                builder.withJsonConverter(new JacksonJsonHttpMessageConverter(
                        jsonMapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)));
            }
        };
    }
}
