package com.eventshop.contracts;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The version of a reference-table record (catalog.products, catalog.categories) as a record
 * header, present on every record including tombstones. Readers apply a change only when its
 * version is higher than the one they hold, so duplicates and replays change nothing and a
 * replayed older update cannot bring a deleted entry back.
 */
public final class VersionHeader {

    /** Header name; the value is the version as an 8-byte big-endian long. */
    public static final String NAME = "eventshop-version";

    private VersionHeader() {
    }

    public static byte[] encode(long version) {
        return ByteBuffer.allocate(Long.BYTES).putLong(version).array();
    }

    /** The version carried by the record's headers, if any. */
    public static Optional<Long> of(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(NAME);
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            return Optional.empty();
        }
        return Optional.of(ByteBuffer.wrap(header.value()).getLong());
    }
}
