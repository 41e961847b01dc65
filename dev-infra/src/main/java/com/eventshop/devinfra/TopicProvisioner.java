package com.eventshop.devinfra;

import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of the catalogue on any Kafka cluster, embedded or external. Existing topics
 * are left exactly as they are: changing partitions would move keys between partitions and break
 * co-partitioning, so a mismatch is only reported.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    /**
     * What a provisioning run did.
     *
     * @param created  names of the topics created by this run
     * @param warnings existing topics that differ from the catalogue, in words
     */
    public record Result(List<String> created, List<String> warnings) {
        public Result {
            created = List.copyOf(created);
            warnings = List.copyOf(warnings);
        }
    }

    private TopicProvisioner() {
    }

    /** Creates every missing topic of {@code specs}; returns the names created. */
    public static List<String> ensureTopics(String bootstrapServers, List<TopicSpec> specs) {
        return provision(bootstrapServers, specs).created();
    }

    /**
     * Creates every missing topic with the catalogue's partitions, a replication factor and
     * configuration fitting the cluster size, and reports existing topics whose partition count
     * differs.
     */
    public static Result provision(String bootstrapServers, List<TopicSpec> specs) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "eventshop-topic-provisioner"))) {
            int brokers = admin.describeCluster().nodes().get().size();
            Set<String> existing = admin.listTopics().names().get();

            List<String> warnings = new ArrayList<>();
            List<String> orderMismatches = new ArrayList<>();
            List<String> present = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(present).allTopicNames().get();
            for (TopicSpec spec : specs) {
                TopicDescription description = descriptions.get(spec.name());
                if (description != null && description.partitions().size() != spec.partitions()) {
                    String warning = "Topic " + spec.name() + " has " + description.partitions().size()
                            + " partitions, the catalogue says " + spec.partitions()
                            + "; left unchanged (recreate it, e.g. start with --fresh, to fix)";
                    log.warn(warning);
                    warnings.add(warning);
                    if (Topics.ORDER_PARTITIONED.contains(spec)) {
                        orderMismatches.add(spec.name() + " has " + description.partitions().size());
                    }
                }
            }

            if (!orderMismatches.isEmpty()) {
                // Order topics must stay co-partitioned with every stream task's expectations:
                // running against another count would spread one order's events over partitions.
                throw new DevInfraException("The order topics have another partition count than "
                        + Topics.ORDER_PARTITIONS_SETTING + " asks for (" + Topics.ORDER_PARTITIONS + "): "
                        + String.join(", ", orderMismatches) + ". Set " + Topics.ORDER_PARTITIONS_SETTING
                        + " to their count, or start with --fresh to recreate them.");
            }

            List<NewTopic> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor(brokers))
                            .configs(spec.config(brokers)))
                    .toList();
            List<String> created = new ArrayList<>();
            var results = admin.createTopics(missing).values();
            for (NewTopic topic : missing) {
                try {
                    results.get(topic.name()).get();
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    // Another process provisioning at the same time got there first: fine.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            if (!created.isEmpty()) {
                log.info("Created {} topic(s) on {} broker(s): {}", created.size(), brokers, created);
            }
            return new Result(created, warnings);
        } catch (ExecutionException e) {
            throw new DevInfraException("Could not create the Kafka topics on " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevInfraException("Interrupted while creating Kafka topics", e);
        }
    }
}
