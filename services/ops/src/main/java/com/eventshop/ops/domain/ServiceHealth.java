package com.eventshop.ops.domain;

import java.time.Instant;

/**
 * The health of one service as the console shows it.
 *
 * @param status UP, DOWN, OUT_OF_SERVICE (from its actuator) or UNREACHABLE (no answer)
 */
public record ServiceHealth(String name, String url, String status, String detail, Long responseMillis,
                            Instant checkedAt, String healthUrl, String metricsUrl, String docsUrl) {

    public static ServiceHealth of(String name, String url, String status, String detail, Long responseMillis,
                                   Instant checkedAt) {
        return new ServiceHealth(name, url, status, detail, responseMillis, checkedAt,
                url + "/actuator/health", url + "/actuator/prometheus", url + "/swagger-ui.html");
    }

    public boolean up() {
        return "UP".equals(status);
    }
}
