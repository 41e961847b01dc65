package com.eventshop.orders.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.orders.domain.CheckKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class OrdersPropertiesTest {

    private static OrdersProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("eventshop.orders", OrdersProperties.class);
    }

    @Test
    void defaults() {
        OrdersProperties p = bind(Map.of());
        assertThat(p.getRequiredChecks()).containsExactlyInAnyOrder(CheckKind.INVENTORY, CheckKind.FRAUD, CheckKind.PAYMENT);
        assertThat(p.getValidationTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.getPunctuateInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.getForwardReadTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void checksAndTimesAreConfigurable() {
        OrdersProperties fraudOnly = bind(Map.of(
                "eventshop.orders.required-checks", "FRAUD",
                "eventshop.orders.validation-timeout", "3s",
                "eventshop.orders.punctuate-interval", "250ms"));
        assertThat(fraudOnly.getRequiredChecks()).containsExactly(CheckKind.FRAUD);
        assertThat(fraudOnly.getValidationTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fraudOnly.getPunctuateInterval()).isEqualTo(Duration.ofMillis(250));

        assertThat(bind(Map.of("eventshop.orders.required-checks", "")).getRequiredChecks()).isEmpty();
    }
}
