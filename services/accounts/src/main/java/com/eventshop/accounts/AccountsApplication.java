package com.eventshop.accounts;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Accounts: users and customers, login, the JWT signing keys (JWKS), service identities and
 * personal API tokens. Writes every customer to the compacted {@code customers} topic.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AccountsApplication {

    public static final String CONFIG_NAME = "accounts";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(AccountsApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
