package com.eventshop.devinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventshop.contracts.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Order topics of another partition count than EVENTSHOP_ORDER_PARTITIONS are refused, not run against. */
class OrderPartitionsMismatchTest {

    @TempDir
    Path dataDir;

    @Test
    void existingOrderTopicsOfAnotherCountStopTheProvisioningWithTheSettingNamed() throws Exception {
        try (KafkaCluster kafka = KafkaCluster.start(KafkaCluster.Settings.of(dataDir).withPort(0));
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            int other = Topics.ORDER_PARTITIONS + 1;
            admin.createTopics(List.of(new NewTopic(Topics.ORDER_COMMANDS.name(), other, (short) 1))).all().get();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!admin.listTopics().names().get().contains(Topics.ORDER_COMMANDS.name())
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThatThrownBy(() -> TopicProvisioner.provision(kafka.bootstrapServers(), Topics.ALL))
                    .isInstanceOf(DevInfraException.class)
                    .hasMessageContaining("EVENTSHOP_ORDER_PARTITIONS")
                    .hasMessageContaining(Topics.ORDER_COMMANDS.name() + " has " + other)
                    .hasMessageContaining("--fresh");
            // Nothing was created on the way: the deployment is left as it was for the operator to decide.
            assertThat(admin.listTopics().names().get()).doesNotContain(Topics.ORDER_REQUESTED.name());
        }
    }
}
