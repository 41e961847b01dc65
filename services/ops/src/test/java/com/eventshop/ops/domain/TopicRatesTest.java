package com.eventshop.ops.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicRatesTest {

    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void noRateFromOneSample() {
        TopicRates rates = new TopicRates(Duration.ofSeconds(30));
        rates.record(t0, Map.of("orders", 100L));
        assertThat(rates.rate("orders")).isZero();
        assertThat(rates.rate("unknown")).isZero();
    }

    @Test
    void rateIsOffsetGrowthOverTime() {
        TopicRates rates = new TopicRates(Duration.ofSeconds(30));
        rates.record(t0, Map.of("orders", 100L));
        rates.record(t0.plusSeconds(2), Map.of("orders", 120L));
        rates.record(t0.plusSeconds(4), Map.of("orders", 180L));
        assertThat(rates.rate("orders")).isEqualTo(20.0);
        assertThat(rates.measuredSeconds()).isEqualTo(4.0);
    }

    @Test
    void oldSamplesLeaveTheWindow() {
        TopicRates rates = new TopicRates(Duration.ofSeconds(10));
        rates.record(t0, Map.of("orders", 0L));
        rates.record(t0.plusSeconds(20), Map.of("orders", 1000L));
        rates.record(t0.plusSeconds(25), Map.of("orders", 1000L));
        rates.record(t0.plusSeconds(40), Map.of("orders", 1000L));
        // the burst happened more than a window ago: nothing moves now
        assertThat(rates.rate("orders")).isZero();
    }

    @Test
    void aRecreatedTopicNeverGivesANegativeRate() {
        TopicRates rates = new TopicRates(Duration.ofSeconds(30));
        rates.record(t0, Map.of("orders", 500L));
        rates.record(t0.plusSeconds(2), Map.of("orders", 3L));
        assertThat(rates.rate("orders")).isZero();
    }
}
