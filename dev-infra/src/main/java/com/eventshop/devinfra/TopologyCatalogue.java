package com.eventshop.devinfra;

import com.eventshop.contracts.Service;
import com.eventshop.contracts.TopicSpec;
import com.eventshop.contracts.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Checks a service's topology against the topic catalogue ({@link Topics}): every topic it
 * reads lists the service among its readers, every topic it writes has the service as its
 * single writer, and every topic the catalogue says it reads is read by the topology (or by
 * a consumer beside it, named by the caller). The service's internal topics (repartition,
 * changelog) are not in the catalogue and are left out.
 *
 * <p>Use in each stream-processing service's tests with the topology its Spring
 * configuration builds, e.g.
 * {@code TopologyCatalogue.check(Service.FRAUD, FraudTopology.build(FraudTopologyConfig.defaults()))}.
 */
public final class TopologyCatalogue {

    private TopologyCatalogue() {
    }

    public static void check(Service service, Topology topology) {
        check(service, topology.describe(), List.of());
    }

    public static void check(Service service, Topology topology, Collection<TopicSpec> readOutsideTopology) {
        check(service, topology.describe(), readOutsideTopology);
    }

    /**
     * @param readOutsideTopology topics the service reads with a plain consumer beside its
     *                            topology (e.g. a price list), so not sources of the topology
     * @throws AssertionError naming every disagreement
     */
    public static void check(Service service, TopologyDescription description,
                             Collection<TopicSpec> readOutsideTopology) {
        Set<String> sources = new TreeSet<>();
        Set<String> sinks = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            sub.nodes().forEach(node -> collect(node, sources, sinks, problems));
        }
        for (TopologyDescription.GlobalStore global : description.globalStores()) {
            collect(global.source(), sources, sinks, problems);
        }
        for (String topic : sources) {
            Optional<TopicSpec> spec = Topics.byName(topic);
            if (spec.isEmpty()) {
                problems.add("reads " + topic + ", which the catalogue does not list");
            } else if (!spec.get().readers().contains(service)) {
                problems.add("reads " + topic + ", but its readers are " + spec.get().readers());
            }
        }
        for (String topic : sinks) {
            Optional<TopicSpec> spec = Topics.byName(topic);
            if (spec.isEmpty()) {
                problems.add("writes " + topic + ", which the catalogue does not list");
            } else if (spec.get().writer() != service) {
                problems.add("writes " + topic + ", but its writer is " + spec.get().writer());
            }
        }
        Set<String> outside = readOutsideTopology.stream().map(TopicSpec::name).collect(Collectors.toSet());
        for (TopicSpec spec : Topics.ALL) {
            if (spec.readers().contains(service) && !sources.contains(spec.name()) && !outside.contains(spec.name())) {
                problems.add("is a reader of " + spec.name() + " in the catalogue, but does not read it");
            }
        }
        for (String topic : outside) {
            if (Topics.byName(topic).map(t -> !t.readers().contains(service)).orElse(true)) {
                problems.add("reads " + topic + " beside its topology, but is not among its readers");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("The topology of " + service + " and the topic catalogue disagree:\n  "
                    + String.join("\n  ", problems) + "\n(sources " + sources + ", sinks " + sinks + ")");
        }
    }

    private static void collect(TopologyDescription.Node node, Set<String> sources, Set<String> sinks,
                                List<String> problems) {
        if (node instanceof TopologyDescription.Source source) {
            if (source.topicSet() == null || source.topicSet().isEmpty()) {
                problems.add("source " + source.name() + " reads a pattern, not named topics");
            } else {
                source.topicSet().stream().filter(t -> !internal(t)).forEach(sources::add);
            }
        } else if (node instanceof TopologyDescription.Sink sink) {
            if (sink.topic() == null) {
                problems.add("sink " + sink.name() + " chooses its topic per record");
            } else if (!internal(sink.topic())) {
                sinks.add(sink.topic());
            }
        }
    }

    private static boolean internal(String topic) {
        return topic.endsWith("-repartition") || topic.endsWith("-changelog");
    }
}
