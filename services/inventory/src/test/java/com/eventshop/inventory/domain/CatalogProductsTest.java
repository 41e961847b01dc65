package com.eventshop.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.inventory.domain.CatalogProducts.Status;
import org.junit.jupiter.api.Test;

class CatalogProductsTest {

    private final CatalogProducts products = new CatalogProducts();

    @Test
    void aProductNeverSeenIsUnknown() {
        assertThat(products.statusOf("p-1")).isEqualTo(Status.UNKNOWN);
        assertThat(products.knows("p-1")).isFalse();
        assertThat(products.orderable("p-1")).isFalse();
        assertThat(products.versionOf("p-1")).isEqualTo(-1);
    }

    @Test
    void activeIsKnownAndOrderableInactiveOnlyKnown() {
        products.put("p-1", 1, true);
        products.put("p-2", 1, false);
        assertThat(products.knows("p-1")).isTrue();
        assertThat(products.orderable("p-1")).isTrue();
        assertThat(products.knows("p-2")).isTrue();
        assertThat(products.orderable("p-2")).isFalse();
        assertThat(products.count()).isEqualTo(2);
    }

    @Test
    void theHighestVersionWinsWhateverTheOrder() {
        assertThat(products.put("p-1", 3, false)).isTrue();
        assertThat(products.put("p-1", 2, true)).isFalse();
        assertThat(products.put("p-1", 3, true)).isFalse(); // a duplicate version changes nothing
        assertThat(products.statusOf("p-1")).isEqualTo(Status.INACTIVE);
        assertThat(products.put("p-1", 4, true)).isTrue();
        assertThat(products.statusOf("p-1")).isEqualTo(Status.ACTIVE);
        assertThat(products.versionOf("p-1")).isEqualTo(4);
    }

    @Test
    void aDeleteIsRememberedSoAnOlderUpdateCannotReviveIt() {
        products.put("p-1", 1, true);
        assertThat(products.delete("p-1", 2)).isTrue();
        assertThat(products.knows("p-1")).isFalse();
        assertThat(products.put("p-1", 1, true)).isFalse();
        assertThat(products.knows("p-1")).isFalse();
        assertThat(products.count()).isZero();
        assertThat(products.versionOf("p-1")).isEqualTo(2);
        assertThat(products.put("p-1", 3, true)).isTrue(); // re-created with a newer version
        assertThat(products.knows("p-1")).isTrue();
    }
}
