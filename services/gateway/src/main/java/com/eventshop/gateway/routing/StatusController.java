package com.eventshop.gateway.routing;

import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/status} (public): each capability of the shop as up or degraded, so the UI
 * can pause what is down ("Ordering is paused") and keep the rest going. A capability is up
 * when every configured service behind it has a ready instance and a closed (or half-open)
 * circuit breaker.
 */
@RestController
public class StatusController {

    public static final List<String> CAPABILITIES = List.of("browse", "search", "order", "account");

    private final Routes routes;
    private final String customerCare;

    public StatusController(Routes routes, @Value("${eventshop.gateway.customer-care:+44 20 7946 0000}") String customerCare) {
        this.routes = routes;
        this.customerCare = customerCare;
    }

    static String pausedMessage(String capability) {
        return switch (capability) {
            case "order" -> "Ordering is paused for a moment; browsing goes on. Please try again shortly.";
            case "browse" -> "Browsing is paused for a moment. Please try again shortly.";
            case "search" -> "Search is paused for a moment; browse the categories meanwhile.";
            case "account" -> "Sign-in and accounts are paused for a moment. Please try again shortly.";
            default -> "This part of the shop (" + capability + ") is paused for a moment.";
        };
    }

    @Operation(summary = "Which capabilities of the shop are up",
            description = "capabilities: browse, search, order, account, each up or degraded; services: instances and breaker states")
    @GetMapping("/api/status")
    public ResponseEntity<Map<String, Object>> status() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        Map<String, Object> messages = new LinkedHashMap<>();
        for (String capability : CAPABILITIES) {
            List<Downstream> behind = routes.all().stream()
                    .filter(d -> d.capability().equals(capability) && d.configured()).toList();
            boolean up = !behind.isEmpty() && behind.stream().allMatch(Downstream::up);
            capabilities.put(capability, up ? "up" : "degraded");
            if (!up) {
                messages.put(capability, pausedMessage(capability) + " Customer care: " + customerCare);
            }
        }
        Map<String, Object> services = new LinkedHashMap<>();
        for (Downstream d : routes.all()) {
            if (d.configured()) {
                services.put(d.name(), Map.of("capability", d.capability(), "breaker", d.breaker().getState().name(),
                        "readyInstances", d.instances().stream().filter(d::isReady).count(),
                        "instances", d.instances().size()));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("capabilities", capabilities);
        body.put("messages", messages);
        body.put("customerCare", customerCare);
        body.put("services", services);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
