package com.eventshop.devinfra;

import java.time.Duration;

/** Told about each part as {@link DevInfra} brings it up, so a launcher can print progress. */
public interface ProgressListener {

    /** The parts, in start order. */
    enum Part {
        KAFKA("Kafka"), TOPICS("Kafka topics"), POSTGRES("PostgreSQL"), SMTP("SMTP");

        private final String displayName;

        Part(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }
    }

    ProgressListener NONE = new ProgressListener() {
    };

    default void starting(Part part) {
    }

    /** @param detail where to reach it, e.g. "127.0.0.1:9092 (1 broker)" */
    default void started(Part part, Duration took, String detail) {
    }

    /** The part is external (configured by environment) or not needed. */
    default void skipped(Part part, String reason) {
    }
}
