package com.eventshop.platform.testapp;

import com.eventshop.devinfra.TestTokens;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Every test application of this module verifies tokens against the test JVM's {@link TestTokens}. */
public class TestTokensEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("testTokens",
                Map.of("eventshop.security.jwks-uri", TestTokens.shared().jwksUri())));
    }
}
