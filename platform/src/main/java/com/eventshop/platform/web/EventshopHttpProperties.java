package com.eventshop.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code eventshop.http.*}: limits and strictness of every Eventshop HTTP API. */
@ConfigurationProperties("eventshop.http")
public class EventshopHttpProperties {

    /** Largest request body accepted (bytes, or e.g. 1MB); larger ones get 413. */
    private DataSize maxBodyBytes = DataSize.ofKilobytes(64);

    /** Whether a JSON request body with a field the target type does not have is refused (400). */
    private boolean rejectUnknownFields = true;

    public DataSize getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(DataSize maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public boolean isRejectUnknownFields() {
        return rejectUnknownFields;
    }

    public void setRejectUnknownFields(boolean rejectUnknownFields) {
        this.rejectUnknownFields = rejectUnknownFields;
    }
}
