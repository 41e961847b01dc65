package com.eventshop.gateway.config;

import com.eventshop.gateway.routing.Routes;
import com.eventshop.gateway.web.ApiTokenExchangeFilter;
import com.eventshop.gateway.web.RequestLogFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration implements WebMvcConfigurer {

    private static final String WEB_UI = "eventshop-web/";

    /** After the trace id (so lines carry it), around everything else (401s and 429s are logged too). */
    @Bean
    FilterRegistrationBean<RequestLogFilter> requestLogFilter(GatewayProperties properties) {
        FilterRegistrationBean<RequestLogFilter> registration = new FilterRegistrationBean<>(new RequestLogFilter(properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /** Before the token check (Spring Security's filter chain runs at -100). */
    @Bean
    FilterRegistrationBean<ApiTokenExchangeFilter> apiTokenExchangeFilter(Routes routes, GatewayProperties properties) {
        FilterRegistrationBean<ApiTokenExchangeFilter> registration =
                new FilterRegistrationBean<>(new ApiTokenExchangeFilter(routes, properties));
        registration.setOrder(-110);
        return registration;
    }

    /** The web UI (module web, static files under classpath:/eventshop-web/), when it is on the class path. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        if (new ClassPathResource(WEB_UI).exists() || new ClassPathResource(WEB_UI + "index.html").exists()) {
            registry.addResourceHandler("/**").addResourceLocations("classpath:/" + WEB_UI);
        }
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        if (new ClassPathResource(WEB_UI + "index.html").exists()) {
            registry.addViewController("/").setViewName("forward:/index.html");
            registry.addViewController("/admin").setViewName("forward:/admin/index.html");
            registry.addViewController("/ops").setViewName("forward:/ops/index.html");
        }
    }
}
