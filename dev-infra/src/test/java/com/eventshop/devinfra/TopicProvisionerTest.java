package com.eventshop.devinfra;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.Service;
import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicProvisionerTest {

    @TempDir
    static Path dataDir;
    static KafkaCluster kafka;
    static Admin admin;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaCluster.start(KafkaCluster.Settings.of(dataDir).withPort(0));
        admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopKafka() {
        admin.close();
        kafka.close();
    }

    @Test
    void createsTheWholeCatalogueOnceWithItsLayout() throws Exception {
        List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();

        assertThat(TopicProvisioner.ensureTopics(kafka.bootstrapServers(), Topics.ALL))
                .containsExactlyInAnyOrderElementsOf(names);

        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        for (TopicSpec spec : Topics.ALL) {
            TopicDescription description = descriptions.get(spec.name());
            assertThat(description.partitions()).as(spec.name()).hasSize(spec.partitions());
            assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            assertThat(config.get("cleanup.policy").value()).as(spec.name())
                    .isEqualTo(spec.compacted() ? "compact" : "delete");
            assertThat(config.get("min.insync.replicas").value()).as(spec.name()).isEqualTo("1");
        }

        TopicProvisioner.Result again = TopicProvisioner.provision(kafka.bootstrapServers(), Topics.ALL);
        assertThat(again.created()).isEmpty();
        assertThat(again.warnings()).isEmpty();
    }

    @Test
    void leavesAnExistingTopicWithOtherPartitionsAloneAndWarns() throws Exception {
        TopicSpec spec = new TopicSpec("test.mismatch", List.of(), 4, false, Service.OPS, Set.of());
        admin.createTopics(List.of(new NewTopic(spec.name(), 2, (short) 1))).all().get();
        // The broker's metadata follows the controller a moment later; wait as for an old topic.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!admin.listTopics().names().get().contains(spec.name()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        TopicProvisioner.Result result = TopicProvisioner.provision(kafka.bootstrapServers(), List.of(spec));

        assertThat(result.created()).isEmpty();
        assertThat(result.warnings()).singleElement().asString()
                .contains("test.mismatch has 2 partitions, the catalogue says 4");
        assertThat(admin.describeTopics(List.of(spec.name())).allTopicNames().get()
                .get(spec.name()).partitions()).hasSize(2);
    }

    static Set<String> topicNames(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            return admin.listTopics().names().get().stream().collect(Collectors.toSet());
        }
    }
}
