package com.eventshop.contracts;

/** The deployable services of Eventshop: the only parties that may write or read a topic. */
public enum Service {
    GATEWAY, ACCOUNTS, CATALOG, ORDERS, INVENTORY, FRAUD, PAYMENTS, SHIPPING, NOTIFICATIONS,
    SEARCH, CRAWLER, OPS;

    /** The name used in configuration, application ids and URLs, e.g. {@code orders}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
