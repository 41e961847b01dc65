package com.eventshop.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import com.eventshop.platform.security.EventshopSecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** The OpenAPI description every service serves at /v3/api-docs, titled after the service. */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
@ConditionalOnWebApplication
public class EventshopOpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI eventshopOpenApi(@Value("${spring.application.name:eventshop}") String serviceName,
            @Value("${eventshop.api.version:1}") String version) {
        return new OpenAPI().info(new Info()
                .title(serviceName)
                .version(version)
                .description("Eventshop " + serviceName + " API. Errors are RFC 9457 application/problem+json; "
                        + "every response carries X-Trace-Id."));
    }

    /** Bearer security and problem+json error answers, in every description (see {@link EventshopOpenApiConventions}). */
    @Bean
    @ConditionalOnMissingBean
    EventshopOpenApiConventions eventshopOpenApiConventions(ObjectProvider<EventshopSecurityProperties> security) {
        return new EventshopOpenApiConventions(security.getIfAvailable());
    }
}
