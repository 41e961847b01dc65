package com.eventshop.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Where a hop's time goes under exactly-once: how often each service's stream threads commit and
 * how long a commit takes (sending the consumed offsets, then committing the transaction, which
 * first flushes the records still in the producer). Read from the Kafka clients' own metrics in
 * this JVM (all services run here); a snapshot before and after a phase gives the phase's figures.
 */
final class CommitTimings {

    private static final Pattern SERVICE = Pattern.compile("eventshop-([a-z]+)-");

    /** Cumulative figures of one service's stream threads. */
    record Totals(double commits, double offsetsNanos, double commitNanos, double blockedNanos) {
        Totals plus(Totals o) {
            return new Totals(commits + o.commits, offsetsNanos + o.offsetsNanos, commitNanos + o.commitNanos,
                    blockedNanos + o.blockedNanos);
        }

        Totals minus(Totals o) {
            return new Totals(commits - o.commits, offsetsNanos - o.offsetsNanos, commitNanos - o.commitNanos,
                    blockedNanos - o.blockedNanos);
        }
    }

    private CommitTimings() {
    }

    /** The totals so far, by service. */
    static Map<String, Totals> snapshot() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Totals> byService = new TreeMap<>();
        try {
            for (ObjectName thread : server.queryNames(new ObjectName("kafka.streams:type=stream-thread-metrics,*"), null)) {
                String threadId = thread.getKeyProperty("thread-id");
                String service = serviceOf(threadId);
                if (service == null) {
                    continue;
                }
                double commits = number(server, thread, "commit-total");
                double blocked = number(server, thread, "blocked-time-ns-total");
                double offsets = 0;
                double commit = 0;
                ObjectName producer = new ObjectName("kafka.producer:type=producer-metrics,client-id="
                        + ObjectName.quote(threadId + "-producer"));
                if (!server.isRegistered(producer)) {
                    producer = new ObjectName("kafka.producer:type=producer-metrics,client-id=" + threadId + "-producer");
                }
                if (server.isRegistered(producer)) {
                    offsets = number(server, producer, "txn-send-offsets-time-ns-total");
                    commit = number(server, producer, "txn-commit-time-ns-total");
                }
                byService.merge(service, new Totals(commits, offsets, commit, blocked), Totals::plus);
            }
        } catch (Exception e) {
            System.out.println("  (commit timings unavailable: " + e + ")");
        }
        return byService;
    }

    /** One line per service: commits per second and the average commit's parts. */
    static String describe(Map<String, Totals> before, Map<String, Totals> after, double seconds) {
        StringBuilder out = new StringBuilder();
        after.forEach((service, total) -> {
            Totals phase = total.minus(before.getOrDefault(service, new Totals(0, 0, 0, 0)));
            if (phase.commits() <= 0) {
                return;
            }
            out.append(String.format(Locale.ROOT,
                    "    %-10s %6.1f commits/s   per commit: offsets %5.1f ms + commit %5.1f ms   blocked on Kafka %4.0f %%%n",
                    service, phase.commits() / seconds, phase.offsetsNanos() / phase.commits() / 1e6,
                    phase.commitNanos() / phase.commits() / 1e6, 100 * phase.blockedNanos() / 1e9 / seconds));
        });
        return out.toString();
    }

    private static String serviceOf(String threadId) {
        if (threadId == null) {
            return null;
        }
        Matcher m = SERVICE.matcher(threadId);
        return m.find() ? m.group(1) : null;
    }

    private static double number(MBeanServer server, ObjectName name, String attribute) {
        try {
            Object value = server.getAttribute(name, attribute);
            return value instanceof Number n ? n.doubleValue() : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
