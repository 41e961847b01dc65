package com.eventshop.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Where a commit's time goes on the broker: for each request a transactional hop makes, how long
 * it waited for a request handler thread (queue), was worked on (local), waited in purgatory for
 * something else (remote: replication, a transaction check with the coordinator) and waited to be
 * sent back. Read from the embedded broker's request metrics in this JVM; the broker keeps running
 * totals, so a snapshot before and after a phase gives the phase's means.
 */
final class BrokerRequestTimes {

    /** The requests of a transactional hop, as the broker names them. */
    private static final List<String> REQUESTS = List.of("Produce", "AddPartitionsToTxn", "AddOffsetsToTxn",
            "TxnOffsetCommit", "EndTxn", "WriteTxnMarkers");
    private static final List<String> PARTS = List.of("RequestQueueTimeMs", "LocalTimeMs", "RemoteTimeMs",
            "ResponseQueueTimeMs", "ResponseSendTimeMs");

    /** Count and summed milliseconds of each part, for one request type. */
    record Totals(double count, double[] sums) {
        Totals minus(Totals o) {
            double[] d = new double[sums.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = sums[i] - o.sums[i];
            }
            return new Totals(count - o.count, d);
        }
    }

    private BrokerRequestTimes() {
    }

    static Map<String, Totals> snapshot() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Totals> byRequest = new LinkedHashMap<>();
        for (String request : REQUESTS) {
            double count = 0;
            double[] sums = new double[PARTS.size()];
            for (int i = 0; i < PARTS.size(); i++) {
                try {
                    ObjectName name = new ObjectName("kafka.network:type=RequestMetrics,name=" + PARTS.get(i)
                            + ",request=" + request);
                    if (!server.isRegistered(name)) {
                        continue;
                    }
                    double n = ((Number) server.getAttribute(name, "Count")).doubleValue();
                    double mean = ((Number) server.getAttribute(name, "Mean")).doubleValue();
                    sums[i] = n * mean;
                    count = Math.max(count, n);
                } catch (Exception e) {
                    // a request type this broker has not served yet
                }
            }
            byRequest.put(request, new Totals(count, sums));
        }
        return byRequest;
    }

    /** One line per request type served in the phase: rate and mean milliseconds of each part. */
    static String describe(Map<String, Totals> before, Map<String, Totals> after, double seconds) {
        StringBuilder out = new StringBuilder();
        after.forEach((request, total) -> {
            Totals phase = total.minus(before.getOrDefault(request, new Totals(0, new double[PARTS.size()])));
            if (phase.count() <= 0) {
                return;
            }
            double[] ms = new double[PARTS.size()];
            double all = 0;
            for (int i = 0; i < ms.length; i++) {
                ms[i] = phase.sums()[i] / phase.count();
                all += ms[i];
            }
            out.append(String.format(Locale.ROOT,
                    "    broker %-18s %6.0f/s  %5.1f ms = queue %4.1f + local %4.1f + remote %4.1f + reply %4.1f%n",
                    request, phase.count() / seconds, all, ms[0], ms[1], ms[2], ms[3] + ms[4]));
        });
        return out.toString();
    }
}
