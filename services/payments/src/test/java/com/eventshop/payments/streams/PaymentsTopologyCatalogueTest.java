package com.eventshop.payments.streams;

import com.eventshop.contracts.Service;
import com.eventshop.devinfra.TopologyCatalogue;
import com.eventshop.payments.domain.ScriptedProvider;
import org.junit.jupiter.api.Test;

/** The topics payments' topology reads and writes are the ones the topic catalogue gives it. */
class PaymentsTopologyCatalogueTest {

    @Test
    void topologyMatchesTheCatalogue() {
        TopologyCatalogue.check(Service.PAYMENTS, PaymentsTopology.build(PaymentsTopologyConfig.defaults(new ScriptedProvider())));
    }
}
