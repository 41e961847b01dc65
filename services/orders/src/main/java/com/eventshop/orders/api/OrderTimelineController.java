package com.eventshop.orders.api;

import com.eventshop.platform.security.RequestUser;
import com.eventshop.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/orders/{orderId}/timeline}: everything that happened to an order, from the log. */
@RestController
@RequestMapping("/api/orders")
public class OrderTimelineController {

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** The timeline: the order's events from every order topic, oldest first. */
    public record Timeline(String orderId, com.eventshop.contracts.OrderState state, List<OrderTimeline.Entry> events) {
    }

    private final OrderLookup lookup;
    private final OrderTimeline timeline;

    public OrderTimelineController(OrderLookup lookup, OrderTimeline timeline) {
        this.lookup = lookup;
        this.timeline = timeline;
    }

    @Operation(summary = "Everything that happened to an order, read from the log")
    @GetMapping(value = "/{orderId}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    public Timeline timeline(@PathVariable String orderId) {
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw ProblemException.badRequest("orderId must be 1 to 128 letters, digits or ._:- characters")
                    .with("orderId", orderId);
        }
        // Someone else's order is answered as not found, as everywhere in the orders API.
        OrderView order = lookup.find(orderId)
                .filter(found -> RequestUser.current().mayActFor(found.customerId()))
                .orElseThrow(() -> ProblemException.notFound("No order " + orderId).with("orderId", orderId));
        return new Timeline(orderId, order.state(), timeline.read(orderId, order.createdAt()));
    }
}
