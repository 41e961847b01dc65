package com.eventshop.app;

import com.eventshop.devinfra.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform for a cross-service test, exactly as {@code ./eventshop up} runs it, but on
 * free ports (several test classes and a developer's own run can share the machine) and quiet.
 */
public final class TestPlatform {

    private TestPlatform() {
    }

    /**
     * Starts everything on fresh data in {@code dataDir}, with {@code adminPassword} for
     * {@code admin@eventshop.local} and a fast simulated payment provider; {@code settings}
     * (property names such as {@code eventshop.shipping.simulated.step-interval}) win.
     */
    public static Eventshop start(Path dataDir, String adminPassword, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>();
        for (String port : List.of("EVENTSHOP_KAFKA_PORT", "EVENTSHOP_POSTGRES_PORT", "EVENTSHOP_SMTP_PORT")) {
            env.put(port, Integer.toString(Ports.freePort()));
        }
        for (ServiceCatalog.ServiceDefinition service : ServiceCatalog.ALL) {
            env.put(service.portVariable(), Integer.toString(Ports.freePort()));
        }
        env.put("EVENTSHOP_ADMIN_PASSWORD", adminPassword);
        env.put("eventshop.payments.simulated.latency-min-ms", "0");
        env.put("eventshop.payments.simulated.latency-max-ms", "2");
        env.putAll(settings);
        return Eventshop.start(dataDir, true, env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }
}
