package com.eventshop.inventory.domain;

/** One line of an order as inventory sees it: a product and a quantity. */
public record RequestedLine(String productId, int quantity) {
}
