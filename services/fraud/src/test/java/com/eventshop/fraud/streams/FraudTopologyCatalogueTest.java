package com.eventshop.fraud.streams;

import com.eventshop.contracts.Service;
import com.eventshop.devinfra.TopologyCatalogue;
import org.junit.jupiter.api.Test;

/** The topics fraud's topology reads and writes are the ones the topic catalogue gives it. */
class FraudTopologyCatalogueTest {

    @Test
    void topologyMatchesTheCatalogue() {
        TopologyCatalogue.check(Service.FRAUD, FraudTopology.build(FraudTopologyConfig.defaults()));
    }
}
