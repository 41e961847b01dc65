package com.eventshop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventshop.app.ServiceCatalog.ServiceDefinition;
import org.junit.jupiter.api.Test;

class ServiceCatalogTest {

    @Test
    void withoutASelectionEveryPresentServiceRuns() {
        assertThat(ServiceCatalog.selected(null)).isEqualTo(ServiceCatalog.present());
        assertThat(ServiceCatalog.selected(" ")).isEqualTo(ServiceCatalog.present());
        assertThat(ServiceCatalog.present()).extracting(ServiceDefinition::name)
                .contains("gateway", "orders", "inventory", "fraud", "payments", "catalog");
    }

    @Test
    void aSelectionRunsJustThoseServicesInCatalogueOrder() {
        assertThat(ServiceCatalog.selected("payments, Orders,inventory,,fraud"))
                .extracting(ServiceDefinition::name)
                .containsExactly("orders", "inventory", "fraud", "payments");
    }

    @Test
    void anUnknownServiceIsRefusedByName() {
        assertThatThrownBy(() -> ServiceCatalog.selected("orders,ordres"))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("EVENTSHOP_SERVICES names ordres")
                .hasMessageContaining("it has gateway, accounts, orders");
    }
}
