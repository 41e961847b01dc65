package com.eventshop.ops.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * One event of the live feed: where it is, what type it is, and a one-line summary of its
 * fields ("state=CONFIRMED totalCents=2500") so an operator sees what happened at a glance.
 *
 * @param type the record's simple name (OrderConfirmed), or "undecodable" / "tombstone"
 */
public record EventSummary(String topic, int partition, long offset, String key, String type, String summary,
                           Instant timestamp) {

    /** Fields shown at most, and characters of one value at most. */
    static final int MAX_FIELDS = 6;
    static final int MAX_VALUE = 60;

    /** Summarises a decoded record: its scalar fields except those that repeat the key. */
    public static EventSummary of(String topic, int partition, long offset, String key, IndexedRecord value,
                                  Instant timestamp) {
        if (value == null) {
            return new EventSummary(topic, partition, offset, key, "tombstone", "deleted", timestamp);
        }
        Schema schema = value.getSchema();
        List<String> parts = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            Object v = value.get(field.pos());
            if (parts.size() == MAX_FIELDS || v == null || v instanceof GenericRecord
                    || v instanceof Map || v instanceof java.nio.ByteBuffer || String.valueOf(v).equals(key)
                    || field.name().endsWith("Hash")) { // hashes say nothing to a reader
                continue;
            }
            String text = v instanceof Collection<?> list ? list.size() + " " + field.name() : field.name() + "=" + v;
            if (text.length() > MAX_VALUE) {
                text = text.substring(0, MAX_VALUE - 1) + "…";
            }
            parts.add(text);
        }
        return new EventSummary(topic, partition, offset, key, schema.getName(), String.join(" ", parts), timestamp);
    }

    /** A record ops could not decode (an unreleased schema, or bytes that are no contract record). */
    public static EventSummary undecodable(String topic, int partition, long offset, String key, String reason,
                                           Instant timestamp) {
        return new EventSummary(topic, partition, offset, key, "undecodable", reason, timestamp);
    }
}
