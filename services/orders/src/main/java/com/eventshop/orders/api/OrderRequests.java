package com.eventshop.orders.api;

import com.eventshop.orders.domain.OrderPlacement;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request and small response bodies of the orders API. */
public final class OrderRequests {

    private OrderRequests() {
    }

    /** {@code POST /api/orders}: what to order and where to send it. No prices: the service sets them. */
    public record PlaceOrderRequest(
            // Only read for admin and service callers; a customer's orders are their own (from the token).
            @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
            String customerId,
            @NotNull @Size(min = 1, max = OrderPlacement.MAX_LINES)
            List<@NotNull @Valid LineRequest> lines,
            @NotNull @Valid
            AddressRequest shippingAddress) {
    }

    /** One product and how many. */
    public record LineRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
            String productId,
            @NotNull @Min(1) @Max(OrderPlacement.MAX_QUANTITY)
            Integer quantity) {
    }

    /** A postal address. */
    public record AddressRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String street,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 20) String postalCode,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE")
            String country) {
    }

    /** {@code POST /api/orders/{id}/cancel} (the body is optional). */
    public record CancelRequest(@Size(max = 500) String reason) {
    }

    /** The answer to a write: which order, and its state as far as known. */
    public record OrderAccepted(
            String orderId,
            @Schema(description = "CREATED for a new order (the processor creates it next); the view's state for a replay or a cancel")
            String state) {
    }

    /** One page of a customer's orders, newest first. */
    public record OrderPage(String customerId, int page, int size, long total, List<OrderView> orders) {
    }
}
