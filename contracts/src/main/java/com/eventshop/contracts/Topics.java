package com.eventshop.contracts;

import static com.eventshop.contracts.Service.ACCOUNTS;
import static com.eventshop.contracts.Service.CATALOG;
import static com.eventshop.contracts.Service.CRAWLER;
import static com.eventshop.contracts.Service.FRAUD;
import static com.eventshop.contracts.Service.INVENTORY;
import static com.eventshop.contracts.Service.NOTIFICATIONS;
import static com.eventshop.contracts.Service.OPS;
import static com.eventshop.contracts.Service.ORDERS;
import static com.eventshop.contracts.Service.PAYMENTS;
import static com.eventshop.contracts.Service.SEARCH;
import static com.eventshop.contracts.Service.SHIPPING;

import com.eventshop.contracts.commands.CarrierReported;
import com.eventshop.contracts.commands.CrawlJobCancelled;
import com.eventshop.contracts.commands.CrawlJobRequested;
import com.eventshop.contracts.commands.CrawlUrl;
import com.eventshop.contracts.commands.OrderCancelRequested;
import com.eventshop.contracts.commands.StockAdjusted;
import com.eventshop.contracts.events.CrawlResult;
import com.eventshop.contracts.events.FraudChecked;
import com.eventshop.contracts.events.InventoryChecked;
import com.eventshop.contracts.events.NotificationSent;
import com.eventshop.contracts.events.OrderCancelled;
import com.eventshop.contracts.events.OrderConfirmed;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.events.OrderValidated;
import com.eventshop.contracts.events.PageCrawled;
import com.eventshop.contracts.events.PaymentRefunded;
import com.eventshop.contracts.events.ShipmentUpdated;
import com.eventshop.contracts.tables.Category;
import com.eventshop.contracts.tables.CrawlJobStatus;
import com.eventshop.contracts.tables.Customer;
import com.eventshop.contracts.tables.Order;
import com.eventshop.contracts.tables.Product;
import com.eventshop.contracts.tables.Stock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The topic catalogue: every topic of Eventshop, its record types, layout, single writer and
 * readers. Topics are created from it (dev-infra, deploy scripts) and ownership is checked
 * against it (tests, ACLs).
 */
public final class Topics {

    /** The setting (environment variable or system property) that sizes the order topics. */
    public static final String ORDER_PARTITIONS_SETTING = "EVENTSHOP_ORDER_PARTITIONS";
    /** What a laptop gets when {@value #ORDER_PARTITIONS_SETTING} is not set (docs/benchmarks.md says why). */
    public static final int DEFAULT_ORDER_PARTITIONS = 6;
    /**
     * All order topics are co-partitioned: the same key lands on the same partition number. Sized
     * per deployment by {@value #ORDER_PARTITIONS_SETTING}; every process of a deployment must
     * agree, and the launcher refuses existing topics of another count.
     */
    public static final int ORDER_PARTITIONS = orderPartitions(
            System.getProperty(ORDER_PARTITIONS_SETTING, System.getenv(ORDER_PARTITIONS_SETTING)));
    /** Reference tables are small and read whole (GlobalKTable); a few partitions are plenty. */
    public static final int TABLE_PARTITIONS = 3;
    /** The crawl frontier is keyed by host: more partitions, more crawler instances fetching in parallel. */
    public static final int CRAWL_PARTITIONS = 6;

    public static final TopicSpec ORDER_REQUESTED = new TopicSpec("order.requested",
            List.of(OrderRequested.class), ORDER_PARTITIONS, false, ORDERS,
            Set.of(INVENTORY, FRAUD, PAYMENTS, ORDERS, NOTIFICATIONS, OPS));
    public static final TopicSpec INVENTORY_CHECKS = new TopicSpec("inventory.checks",
            List.of(InventoryChecked.class), ORDER_PARTITIONS, false, INVENTORY,
            Set.of(ORDERS, OPS));
    public static final TopicSpec FRAUD_CHECKS = new TopicSpec("fraud.checks",
            List.of(FraudChecked.class), ORDER_PARTITIONS, false, FRAUD,
            Set.of(ORDERS, OPS));
    public static final TopicSpec ORDER_VALIDATED = new TopicSpec("order.validated",
            List.of(OrderValidated.class, OrderRejected.class), ORDER_PARTITIONS, false, ORDERS,
            Set.of(PAYMENTS, INVENTORY, NOTIFICATIONS, ORDERS, OPS));
    public static final TopicSpec PAYMENT_PROCESSED = new TopicSpec("payment.processed",
            List.of(OrderPaymentProcessed.class, PaymentRefunded.class), ORDER_PARTITIONS, false,
            PAYMENTS, Set.of(ORDERS, NOTIFICATIONS, OPS));
    public static final TopicSpec ORDER_CONFIRMED = new TopicSpec("order.confirmed",
            List.of(OrderConfirmed.class, OrderCancelled.class), ORDER_PARTITIONS, false, ORDERS,
            Set.of(SHIPPING, INVENTORY, PAYMENTS, NOTIFICATIONS, ORDERS, OPS));
    public static final TopicSpec SHIPMENT_EVENTS = new TopicSpec("shipment.events",
            List.of(ShipmentUpdated.class), ORDER_PARTITIONS, false, SHIPPING,
            Set.of(ORDERS, PAYMENTS, NOTIFICATIONS, OPS));
    public static final TopicSpec ORDERS_VIEW = new TopicSpec("orders",
            List.of(Order.class), ORDER_PARTITIONS, true, ORDERS,
            Set.of(ORDERS, OPS));

    /** Commands to the order processor (cancel requests), co-partitioned with the order topics. */
    public static final TopicSpec ORDER_COMMANDS = new TopicSpec("order.commands",
            List.of(OrderCancelRequested.class), ORDER_PARTITIONS, false, ORDERS,
            Set.of(ORDERS, OPS));
    /** Carrier reports (webhook, simulated carrier controls) from shipping's HTTP API to its own processor. */
    public static final TopicSpec SHIPPING_CARRIER_REPORTS = new TopicSpec("shipping.carrier-reports",
            List.of(CarrierReported.class), ORDER_PARTITIONS, false, SHIPPING,
            Set.of(SHIPPING, ORDERS, OPS));
    /** Every email notifications handed to the SMTP server, keyed by orderId. */
    public static final TopicSpec NOTIFICATIONS_SENT = new TopicSpec("notifications.sent",
            List.of(NotificationSent.class), ORDER_PARTITIONS, false, NOTIFICATIONS,
            Set.of(ORDERS, OPS));
    /** Stock adjustments from inventory's admin API to its own stock processor. */
    public static final TopicSpec INVENTORY_ADJUSTMENTS = new TopicSpec("inventory.adjustments",
            List.of(StockAdjusted.class), ORDER_PARTITIONS, false, INVENTORY,
            Set.of(INVENTORY, OPS));

    public static final TopicSpec CATALOG_PRODUCTS = new TopicSpec("catalog.products",
            List.of(Product.class), TABLE_PARTITIONS, true, CATALOG,
            Set.of(ORDERS, INVENTORY, SEARCH, OPS));
    public static final TopicSpec CATALOG_CATEGORIES = new TopicSpec("catalog.categories",
            List.of(Category.class), TABLE_PARTITIONS, true, CATALOG,
            Set.of(SEARCH, OPS));
    public static final TopicSpec INVENTORY_STOCK = new TopicSpec("inventory.stock",
            List.of(Stock.class), ORDER_PARTITIONS, true, INVENTORY,
            Set.of(OPS, SEARCH));
    public static final TopicSpec CUSTOMERS = new TopicSpec("customers",
            List.of(Customer.class), TABLE_PARTITIONS, true, ACCOUNTS,
            Set.of(NOTIFICATIONS, OPS));
    public static final TopicSpec CRAWLER_PAGES = new TopicSpec("crawler.pages", List.of(PageCrawled.class), TABLE_PARTITIONS, true, CRAWLER, Set.of(SEARCH, OPS));

    /**
     * Crawl jobs, keyed by jobId: the admin's commands (start, cancel) and the fetcher's results,
     * in one ordered log per job that the job processor (seen-set, limits, counters) reads.
     */
    public static final TopicSpec CRAWLER_JOBS = new TopicSpec("crawler.jobs",
            List.of(CrawlJobRequested.class, CrawlJobCancelled.class, CrawlResult.class), TABLE_PARTITIONS, false,
            CRAWLER, Set.of(CRAWLER, OPS));
    /** The crawl frontier: admitted URLs keyed by host, so one partition owns a host's politeness. */
    public static final TopicSpec CRAWLER_FRONTIER = new TopicSpec("crawler.frontier",
            List.of(CrawlUrl.class), CRAWL_PARTITIONS, false, CRAWLER, Set.of(CRAWLER));
    /** Every crawl job as it stands (settings, state, counters), keyed by jobId. */
    public static final TopicSpec CRAWLER_JOB_STATUS = new TopicSpec("crawler.job-status",
            List.of(CrawlJobStatus.class), TABLE_PARTITIONS, true, CRAWLER, Set.of(CRAWLER, OPS));

    /**
     * Services that consume events have a dead-letter topic of their own: records they cannot
     * read land there with the original bytes and headers, and processing goes on.
     */
    public static final List<TopicSpec> DEAD_LETTERS = java.util.stream.Stream.of(
                    ORDERS, INVENTORY, FRAUD, PAYMENTS, SHIPPING, NOTIFICATIONS, SEARCH, CRAWLER, OPS)
            .map(service -> new TopicSpec("dlt." + service.id(), List.of(), 1, false, service,
                    Set.of(OPS)))
            .toList();

    /** Every topic of the platform, in flow order, dead-letter topics last. */
    public static final List<TopicSpec> ALL = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(
                            ORDER_REQUESTED, INVENTORY_CHECKS, FRAUD_CHECKS, ORDER_VALIDATED,
                            PAYMENT_PROCESSED, ORDER_CONFIRMED, SHIPMENT_EVENTS, ORDERS_VIEW,
                            ORDER_COMMANDS, SHIPPING_CARRIER_REPORTS, NOTIFICATIONS_SENT, INVENTORY_ADJUSTMENTS,
                            CATALOG_PRODUCTS, CATALOG_CATEGORIES, INVENTORY_STOCK, CUSTOMERS, CRAWLER_PAGES,
                            CRAWLER_JOBS, CRAWLER_FRONTIER, CRAWLER_JOB_STATUS),
                    DEAD_LETTERS.stream())
            .toList();

    /** The topics sized by {@link #ORDER_PARTITIONS}: co-partitioned, keyed by orderId (stock by productId). */
    public static final List<TopicSpec> ORDER_PARTITIONED = List.of(
            ORDER_REQUESTED, INVENTORY_CHECKS, FRAUD_CHECKS, ORDER_VALIDATED, PAYMENT_PROCESSED, ORDER_CONFIRMED,
            SHIPMENT_EVENTS, ORDERS_VIEW, ORDER_COMMANDS, SHIPPING_CARRIER_REPORTS, NOTIFICATIONS_SENT,
            INVENTORY_ADJUSTMENTS, INVENTORY_STOCK);

    private Topics() {
    }

    /** The partition count a setting asks for: a whole number from 1 to 1,000; blank is the default. */
    public static int orderPartitions(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT_ORDER_PARTITIONS;
        }
        try {
            int partitions = Integer.parseInt(setting.strip());
            if (partitions >= 1 && partitions <= 1000) {
                return partitions;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(ORDER_PARTITIONS_SETTING + " must be a whole number from 1 to 1000, not '"
                + setting + "'");
    }

    /** Every record type carried by some topic: the contract that is released and checked. */
    public static List<Class<? extends org.apache.avro.specific.SpecificRecord>> recordTypes() {
        return ALL.stream().flatMap(t -> t.valueTypes().stream()).distinct().toList();
    }

    public static Optional<TopicSpec> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Topics the given service is the writer of. */
    public static List<TopicSpec> writtenBy(Service service) {
        return ALL.stream().filter(t -> t.writer() == service).toList();
    }

    /** The dead-letter topic of a service (each service writes only its own). */
    public static TopicSpec deadLetterTopic(Service service) {
        return DEAD_LETTERS.stream().filter(t -> t.writer() == service).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(service + " reads no events"));
    }
}
