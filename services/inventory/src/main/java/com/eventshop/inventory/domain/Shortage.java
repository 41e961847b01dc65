package com.eventshop.inventory.domain;

/** A product of an order that could not be reserved: how much was asked, how much there was. */
public record Shortage(String productId, int requested, int available) {
}
