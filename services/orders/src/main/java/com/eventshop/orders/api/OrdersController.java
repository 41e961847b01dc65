package com.eventshop.orders.api;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderState;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.commands.OrderCancelRequested;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.orders.api.OrderRequests.CancelRequest;
import com.eventshop.orders.api.OrderRequests.LineRequest;
import com.eventshop.orders.api.OrderRequests.OrderAccepted;
import com.eventshop.orders.api.OrderRequests.OrderPage;
import com.eventshop.orders.api.OrderRequests.PlaceOrderRequest;
import com.eventshop.orders.config.OrdersProperties;
import com.eventshop.orders.domain.OrderLifecycle;
import com.eventshop.orders.domain.OrderPlacement;
import com.eventshop.platform.kafka.streams.KeyOwnerForwarder;
import com.eventshop.platform.security.RequestUser;
import com.eventshop.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The orders API: place, read (plain, long-poll, live), list and cancel orders. */
@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders", description = "Place orders and follow them through validation, payment and shipping")
public class OrdersController {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotency-Replayed";
    private static final java.util.regex.Pattern KEY_PATTERN = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final int MAX_PAGE_SIZE = 100;
    /** Most orders one instance returns for a forwarded listing (page × size of the asking instance). */
    private static final int MAX_LISTING = 10_000;

    private final OrderPlacement placement;
    private final OrderWriter writer;
    private final OrderLookup lookup;
    private final OrderWaiters waiters;
    private final OrderEventStreams streams;
    private final RecentOrderRequests recent;
    private final OrdersProperties properties;
    private final Clock clock;

    public OrdersController(OrderPlacement placement, OrderWriter writer, OrderLookup lookup,
            OrderWaiters waiters,
            OrderEventStreams streams, RecentOrderRequests recent, OrdersProperties properties, Clock clock) {
        this.placement = placement;
        this.writer = writer;
        this.lookup = lookup;
        this.waiters = waiters;
        this.streams = streams;
        this.recent = recent;
        this.properties = properties;
        this.clock = clock;
    }

    @Operation(summary = "Place an order",
            description = "Prices every line from the price list (never from the client) and writes OrderRequested. "
                    + "The order id follows from (customerId, Idempotency-Key): the same key with the same body gives "
                    + "the same order back (nothing is written again); the same key with another body is 422. "
                    + "An unpriced product is 422 naming it. Answers 202 with Location; follow the order with "
                    + "GET ?waitFor=CONFIRMED or the events stream.")
    @ResponseStatus(HttpStatus.ACCEPTED) // what the OpenAPI description documents
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public CompletableFuture<ResponseEntity<OrderAccepted>> place(
            @Parameter(description = "Client-chosen key (1..200 visible ASCII characters) making retries safe", required = true)
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest body) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ProblemException.badRequest("The Idempotency-Key header is required")
                    .with("errors", List.of(Map.of("field", IDEMPOTENCY_KEY, "message", "is required")));
        }
        if (!KEY_PATTERN.matcher(idempotencyKey).matches()) {
            throw ProblemException.badRequest("The Idempotency-Key must be 1..200 visible ASCII characters")
                    .with("errors", List.of(Map.of("field", IDEMPOTENCY_KEY, "message", "invalid")));
        }
        rejectDuplicateProducts(body.lines());
        OrderPlacement.PlaceOrder request = toPlaceOrder(body, orderingCustomer(body.customerId()));
        String orderId = OrderPlacement.orderId(request.customerId(), idempotencyKey);
        String hash = OrderPlacement.requestHash(request);

        // No lock while the broker answers: the id is claimed atomically, and a concurrent duplicate
        // answers once the first write is acknowledged (or fails with it).
        RecentOrderRequests.Claim claim = recent.claim(orderId, hash);
        if (!claim.mine()) {
            return claim.written().thenApply(written -> {
                Optional<OrderView> view = viewIfKnown(orderId);
                return replay(orderId, view.map(OrderView::requestHash).orElse(claim.requestHash()), hash,
                        view.map(v -> v.state().name()).orElse(OrderState.CREATED.name()));
            });
        }
        try {
            Optional<OrderView> existing = lookup.find(orderId);
            if (existing.isPresent()) {
                recent.released(orderId, claim);
                return CompletableFuture.completedFuture(
                        replay(orderId, existing.get().requestHash(), hash, existing.get().state().name()));
            }
            OrderPlacement.Priced priced = placement.price(request, idempotencyKey, clock.instant());
            if (priced instanceof OrderPlacement.Priced.UnknownProducts unknown) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown product",
                        "Not sold here: " + String.join(", ", unknown.productIds()))
                        .type(URI.create("urn:eventshop:problem:unknown-product"))
                        .with("productIds", unknown.productIds());
            }
            if (priced instanceof OrderPlacement.Priced.MixedCurrencies mixed) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Mixed currencies",
                        "The products are priced in different currencies: " + mixed.currencies())
                        .type(URI.create("urn:eventshop:problem:mixed-currencies"));
            }
            OrderRequested requested = ((OrderPlacement.Priced.Ok) priced).requested();
            return writer.writeAsync(Topics.ORDER_REQUESTED, orderId, requested).handle((written, error) -> {
                if (error != null) {
                    recent.failed(orderId, claim, error);
                    throw error instanceof RuntimeException runtime ? runtime
                            : new OrdersUnavailableException(error.getMessage(), true, error);
                }
                recent.written(orderId, claim);
                return ResponseEntity.accepted().location(location(orderId))
                        .body(new OrderAccepted(orderId, OrderState.CREATED.name()));
            });
        } catch (RuntimeException e) {
            recent.failed(orderId, claim, e);
            throw e;
        }
    }

    @Operation(summary = "Read an order", description = "From the orders view of the instance that owns it.")
    @GetMapping(value = "/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public OrderView get(@PathVariable String orderId,
            @Parameter(hidden = true) @RequestHeader(value = KeyOwnerForwarder.FORWARDED_HEADER, required = false)
            String forwarded) {
        return lookup.find(orderId, forwarded != null).filter(visibleTo(RequestUser.current()))
                .orElseThrow(() -> ProblemException.notFound("No order " + orderId).with("orderId", orderId));
    }

    @Operation(summary = "Wait for an order to reach a state (long-poll)",
            description = "Answers as soon as the order is in waitFor, a later state or a terminal one. When the "
                    + "timeout (e.g. 10s, 500ms, PT5S; at most the configured maximum) passes first, answers the "
                    + "current state with \"waitTimedOut\": true (and X-Wait-Timed-Out: true). An order that does "
                    + "not exist yet is waited for too (404 if it never appears).")
    @GetMapping(value = "/{orderId}", params = "waitFor", produces = MediaType.APPLICATION_JSON_VALUE)
    public DeferredResult<ResponseEntity<OrderView>> await(@PathVariable String orderId,
            @RequestParam String waitFor,
            @RequestParam(required = false) String timeout) {
        OrderState wanted = parseState(waitFor);
        Duration wait = parseTimeout(timeout);
        RequestUser user = RequestUser.current();
        return waiters.await(orderId, wanted, wait, () -> lookup.find(orderId).filter(visibleTo(user)));
    }

    @Operation(summary = "Follow an order live (Server-Sent Events)",
            description = "Event 'order' with the order as JSON: the current state first, then one per change "
                    + "of the view (event id = version).")
    @GetMapping(value = "/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events(@PathVariable String orderId) {
        RequestUser user = RequestUser.current();
        return streams.open(orderId, () -> lookup.find(orderId).filter(visibleTo(user)));
    }

    @Operation(summary = "A customer's orders, newest first",
            description = "The view is partitioned by order id, so every instance holding a part of it is asked "
                    + "(scatter-gather) and the answers are merged.")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public OrderPage list(@RequestParam(required = false) String customerId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @Parameter(hidden = true) @RequestHeader(value = KeyOwnerForwarder.FORWARDED_HEADER, required = false)
            String forwarded) {
        customerId = listedCustomer(customerId);
        if (forwarded != null) {
            // Another instance gathers: answer from the local stores only, the newest `size`.
            int limit = Math.max(1, Math.min(size, MAX_LISTING));
            List<com.eventshop.contracts.tables.Order> local = lookup.localCustomerOrders(customerId);
            return new OrderPage(customerId, 0, limit, local.size(),
                    local.stream().limit(limit).map(OrderView::of).toList());
        }
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
        }
        long needed = (long) (page + 1) * size;
        if (needed > MAX_LISTING) {
            throw ProblemException.badRequest("Pages beyond " + MAX_LISTING + " orders are not served");
        }
        // Scatter-gather: each instance holding part of the view gives its newest (page+1)*size
        // orders of the customer; merged newest first, the requested page is exact.
        HostInfo self = lookup.self();
        List<OrderView> all = new ArrayList<>();
        long total = 0;
        for (HostInfo instance : lookup.instances()) {
            if (instance.equals(self)) {
                List<com.eventshop.contracts.tables.Order> local = lookup.localCustomerOrders(customerId);
                total += local.size();
                local.stream().limit(needed).map(OrderView::of).forEach(all::add);
            } else {
                OrderPage part = lookup.remoteCustomerOrders(instance, customerId, (int) needed);
                total += part.total();
                all.addAll(part.orders());
            }
        }
        all.sort(java.util.Comparator.comparing(OrderView::createdAt, java.util.Comparator.reverseOrder())
                .thenComparing(OrderView::orderId));
        List<OrderView> slice = all.stream().distinct().skip((long) page * size).limit(size).toList();
        return new OrderPage(customerId, page, size, total, slice);
    }

    @Operation(summary = "Ask to cancel an order",
            description = "Allowed until the order is shipped (CREATED, VALIDATED, PAID, CONFIRMED, PACKED): writes "
                    + "OrderCancelRequested and answers 202; the processor decides and the view becomes CANCELLED. "
                    + "409 when the view shows the order shipped or finished.")
    @ResponseStatus(HttpStatus.ACCEPTED) // what the OpenAPI description documents
    @PostMapping(value = "/{orderId}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<OrderAccepted> cancel(@PathVariable String orderId,
            @Valid @RequestBody(required = false) CancelRequest body) {
        OrderView order = lookup.find(orderId).filter(visibleTo(RequestUser.current()))
                .orElseThrow(() -> ProblemException.notFound("No order " + orderId).with("orderId", orderId));
        if (!OrderLifecycle.cancellable(order.state())) {
            throw new ProblemException(HttpStatus.CONFLICT, "Order cannot be cancelled",
                    "Order " + orderId + " is " + order.state() + "; orders can be cancelled until they are shipped")
                    .type(URI.create("urn:eventshop:problem:order-not-cancellable"))
                    .with("orderId", orderId).with("state", order.state().name());
        }
        String reason = body == null || body.reason() == null || body.reason().isBlank()
                ? "requested by customer" : body.reason().strip();
        writer.write(Topics.ORDER_COMMANDS, orderId, OrderCancelRequested.newBuilder()
                .setOrderId(orderId).setReason(reason).setRequestedAt(clock.instant()).build());
        return ResponseEntity.accepted().location(location(orderId))
                .body(new OrderAccepted(orderId, order.state().name()));
    }

    private ResponseEntity<OrderAccepted> replay(String orderId, String knownHash, String hash, String state) {
        if (!hash.equals(knownHash)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different order request")
                    .type(URI.create("urn:eventshop:problem:idempotency-key-reused"))
                    .with("orderId", orderId);
        }
        return ResponseEntity.accepted().location(location(orderId)).header(REPLAYED_HEADER, "true")
                .body(new OrderAccepted(orderId, state));
    }

    private Optional<OrderView> viewIfKnown(String orderId) {
        try {
            return lookup.find(orderId);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static URI location(String orderId) {
        return URI.create("/api/orders/" + orderId);
    }

    private static void rejectDuplicateProducts(List<LineRequest> lines) {
        Set<String> seen = new HashSet<>();
        List<Map<String, String>> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!seen.add(lines.get(i).productId())) {
                errors.add(Map.of("field", "lines[" + i + "].productId", "message", "product already in another line"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Each product may appear in one line only").with("errors", errors);
        }
    }

    /**
     * Who orders: a customer orders for themself (a customerId in the body is ignored); an admin
     * or a service identity names the customer in the body.
     */
    private static String orderingCustomer(String bodyCustomerId) {
        RequestUser user = RequestUser.current();
        if (user.isStaff()) {
            if (bodyCustomerId == null || bodyCustomerId.isBlank()) {
                throw ProblemException.badRequest("customerId is required when ordering on behalf of a customer")
                        .with("errors", List.of(Map.of("field", "customerId", "message", "is required")));
            }
            return bodyCustomerId.strip();
        }
        if (!user.roles().contains(RequestUser.CUSTOMER)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", "Only customers place orders");
        }
        return user.subject();
    }

    /** A customer lists their own orders (customerId may be left out); staff name the customer. */
    private static String listedCustomer(String customerId) {
        RequestUser user = RequestUser.current();
        if (customerId == null || customerId.isBlank()) {
            if (user.isStaff()) {
                throw ProblemException.badRequest("customerId is required");
            }
            return user.subject();
        }
        if (!user.mayActFor(customerId)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", "You may list your own orders only");
        }
        return customerId;
    }

    /** Someone else's order is answered as not found: its existence is not revealed. */
    private static java.util.function.Predicate<OrderView> visibleTo(RequestUser user) {
        return order -> user.mayActFor(order.customerId());
    }

    private static OrderPlacement.PlaceOrder toPlaceOrder(PlaceOrderRequest body, String customerId) {
        var a = body.shippingAddress();
        Address address = Address.newBuilder().setName(a.name().strip()).setStreet(a.street().strip())
                .setCity(a.city().strip()).setPostalCode(a.postalCode().strip()).setCountry(a.country()).build();
        List<OrderPlacement.LineRequest> lines = body.lines().stream()
                .map(l -> new OrderPlacement.LineRequest(l.productId().strip(), l.quantity()))
                .toList();
        return new OrderPlacement.PlaceOrder(customerId, lines, address);
    }

    private static OrderState parseState(String value) {
        try {
            OrderState state = OrderState.valueOf(value.strip().toUpperCase(Locale.ROOT));
            if (state != OrderState.UNKNOWN) {
                return state;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        List<String> states = Arrays.stream(OrderState.values()).filter(s -> s != OrderState.UNKNOWN)
                .map(Enum::name).toList();
        throw ProblemException.badRequest("waitFor must be one of " + states)
                .with("errors", List.of(Map.of("field", "waitFor", "message", "unknown state")));
    }

    private Duration parseTimeout(String value) {
        if (value == null || value.isBlank()) {
            return properties.getWaitDefaultTimeout();
        }
        Duration timeout;
        try {
            String v = value.strip();
            timeout = v.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(v)) : DurationStyle.detectAndParse(v);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("timeout must be a duration such as 10s, 500ms or PT10S")
                    .with("errors", List.of(Map.of("field", "timeout", "message", "not a duration")));
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw ProblemException.badRequest("timeout must be positive")
                    .with("errors", List.of(Map.of("field", "timeout", "message", "must be positive")));
        }
        return timeout.compareTo(properties.getWaitMaxTimeout()) > 0 ? properties.getWaitMaxTimeout() : timeout;
    }
}
