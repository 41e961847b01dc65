package com.eventshop.inventory.streams;

import com.eventshop.contracts.Service;
import com.eventshop.contracts.Topics;
import com.eventshop.devinfra.TopologyCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topics inventory's topology reads and writes are the ones the topic catalogue gives it. */
class InventoryTopologyCatalogueTest {

    @Test
    void topologyMatchesTheCatalogue() {
        // The known products follow catalog.products with a consumer beside the topology.
        TopologyCatalogue.check(Service.INVENTORY, InventoryTopology.build(InventoryTopologyConfig.defaults()),
                List.of(Topics.CATALOG_PRODUCTS));
    }
}
