package com.eventshop.shipping.streams;

import com.eventshop.contracts.Service;
import com.eventshop.devinfra.TopologyCatalogue;
import com.eventshop.shipping.domain.SimulatedCarrier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The topics shipping's topology reads and writes are the ones the topic catalogue gives it. */
class ShippingTopologyCatalogueTest {

    @Test
    void topologyMatchesTheCatalogue() {
        TopologyCatalogue.check(Service.SHIPPING, ShippingTopology.build(new ShippingTopology.Config(
                new SimulatedCarrier(Duration.ofSeconds(1)), Duration.ofSeconds(1), false)));
    }
}
