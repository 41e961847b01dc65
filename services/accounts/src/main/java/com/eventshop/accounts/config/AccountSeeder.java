package com.eventshop.accounts.config;

import com.eventshop.accounts.api.Accounts;
import com.eventshop.accounts.store.User;
import com.eventshop.platform.security.RequestUser;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Seeds the admin (when a password is configured: the launcher always gives one) and, for the
 * demo, three customers that share the documented demo password.
 */
@Component
public class AccountSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccountSeeder.class);

    /** The demo customers (email, name, city); README lists them. */
    public static final List<String[]> DEMO_CUSTOMERS = List.of(
            new String[] {"ada@eventshop.local", "Ada Lovelace", "London"},
            new String[] {"grace@eventshop.local", "Grace Hopper", "Arlington"},
            new String[] {"alan@eventshop.local", "Alan Turing", "Manchester"});

    private final Accounts accounts;
    private final AccountsProperties properties;

    public AccountSeeder(Accounts accounts, AccountsProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.getAdminPassword() != null && !properties.getAdminPassword().isBlank()) {
            accounts.seed(properties.getAdminEmail(), "Administrator", RequestUser.ADMIN,
                    properties.getAdminPassword(), null);
            log.info("Admin {} is ready", properties.getAdminEmail());
        }
        if (properties.isSeedDemoCustomers()) {
            for (String[] c : DEMO_CUSTOMERS) {
                accounts.seed(c[0], c[1], RequestUser.CUSTOMER, properties.getDemoPassword(),
                        new User.PostalAddress("1 Demo Street", c[2], "00000", "GB"));
            }
        }
    }
}
