package com.eventshop.ops.domain;

import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/** An email the notifications service handed to the SMTP server, as the console lists it. */
public record EmailSent(String orderId, String kind, String to, String subject, int attempts, Instant sentAt) {

    /** From a NotificationSent record, read by field name so ops does not depend on its Java class. */
    public static EmailSent of(IndexedRecord record) {
        return new EmailSent(text(record, "orderId"), text(record, "kind"), text(record, "recipient"),
                text(record, "subject"), number(record, "attempts"), instant(record, "sentAt"));
    }

    private static Object value(IndexedRecord record, String name) {
        Schema.Field field = record.getSchema().getField(name);
        return field == null ? null : record.get(field.pos());
    }

    private static String text(IndexedRecord record, String name) {
        Object v = value(record, name);
        return v == null ? null : v.toString();
    }

    private static int number(IndexedRecord record, String name) {
        return value(record, name) instanceof Number n ? n.intValue() : 1;
    }

    private static Instant instant(IndexedRecord record, String name) {
        Object v = value(record, name);
        if (v instanceof Instant i) {
            return i;
        }
        return v instanceof Long millis ? Instant.ofEpochMilli(millis) : null;
    }
}
