package com.eventshop.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every service the launcher knows, with its fixed default port. A service is started when its
 * application class is on the class path, so the launcher runs whatever services the build
 * contains ("every service present so far").
 */
final class ServiceCatalog {

    /** One deployable service as the launcher runs it. */
    record ServiceDefinition(String name, int defaultPort, String applicationClass,
                             Optional<String> database, Map<String, String> demoProperties) {

        /** Environment variable that moves the service to another port, e.g. ORDERS_PORT. */
        String portVariable() {
            return name.toUpperCase(java.util.Locale.ROOT) + "_PORT";
        }

        boolean present() {
            try {
                Class.forName(applicationClass, false, ServiceCatalog.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }

    static final int GATEWAY_PORT = 8080;

    static final List<ServiceDefinition> ALL = List.of(
            service("gateway", GATEWAY_PORT, "com.eventshop.gateway.GatewayApplication", null, Map.of()),
            service("accounts", 8081, "com.eventshop.accounts.AccountsApplication", "accounts",
                    Map.of("eventshop.accounts.seed-demo-customers", "true")),
            service("orders", 8082, "com.eventshop.orders.OrdersApplication", null, Map.of()),
            service("inventory", 8083, "com.eventshop.inventory.InventoryApplication", null,
                    Map.of("eventshop.inventory.seed-demo-stock", "true")),
            service("fraud", 8084, "com.eventshop.fraud.FraudApplication", null, Map.of()),
            service("payments", 8085, "com.eventshop.payments.PaymentsApplication", null,
                    Map.of("eventshop.payments.simulated.latency-min-ms", "5",
                            "eventshop.payments.simulated.latency-max-ms", "20")),
            service("catalog", 8086, "com.eventshop.catalog.CatalogApplication", "catalog",
                    Map.of("eventshop.catalog.seed-demo", "true")),
            service("shipping", 8087, "com.eventshop.shipping.ShippingApplication", null, Map.of()),
            service("notifications", 8088, "com.eventshop.notifications.NotificationsApplication", null,
                    Map.of("eventshop.notifications.seed-demo-customers", "true")),
            service("search", 8089, "com.eventshop.search.SearchApplication", null, Map.of()),
            service("crawler", 8090, "com.eventshop.crawler.CrawlerApplication", null, Map.of()),
            service("ops", 8091, "com.eventshop.ops.OpsApplication", null, Map.of()));

    private ServiceCatalog() {
    }

    static List<ServiceDefinition> present() {
        return ALL.stream().filter(ServiceDefinition::present).toList();
    }

    /**
     * The present services named in {@code EVENTSHOP_SERVICES} (comma-separated), or all of them
     * when it is blank: one process can run just a part of the platform, e.g. the order flow.
     */
    static List<ServiceDefinition> selected(String names) {
        List<ServiceDefinition> present = present();
        if (names == null || names.isBlank()) {
            return present;
        }
        java.util.Set<String> wanted = new java.util.LinkedHashSet<>();
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                wanted.add(name.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<String> known = present.stream().map(ServiceDefinition::name).toList();
        List<String> unknown = wanted.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new LaunchException("EVENTSHOP_SERVICES names " + String.join(", ", unknown)
                    + ", which this build does not have; it has " + String.join(", ", known));
        }
        return present.stream().filter(s -> wanted.contains(s.name())).toList();
    }

    /** Databases the present services own (one PostgreSQL database each). */
    static List<String> databases(List<ServiceDefinition> services) {
        return services.stream().flatMap(s -> s.database().stream()).toList();
    }

    private static ServiceDefinition service(String name, int port, String applicationClass,
                                             String database, Map<String, String> demoProperties) {
        return new ServiceDefinition(name, port, applicationClass, Optional.ofNullable(database),
                demoProperties);
    }
}
