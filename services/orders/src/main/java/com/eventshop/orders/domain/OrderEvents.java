package com.eventshop.orders.domain;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Helpers over the order event records. */
public final class OrderEvents {

    private OrderEvents() {
    }

    /** The {@code orderId} field of an order event, or null if the record has none. */
    public static String orderIdOf(SpecificRecord record) {
        if (record == null) {
            return null;
        }
        Schema.Field field = record.getSchema().getField("orderId");
        if (field == null) {
            return null;
        }
        Object value = record.get(field.pos());
        return value == null ? null : value.toString();
    }
}
