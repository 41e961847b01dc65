package com.eventshop.contracts;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * One topic of the catalogue: what it is called, what its records look like, how it is laid
 * out, and who may write and read it. There is exactly one writer per topic.
 *
 * @param name          topic name
 * @param valueTypes    Avro record classes a value may be (more than one when a topic carries
 *                      several event types, e.g. OrderValidated and OrderRejected)
 * @param partitions    partition count; all order topics share {@link Topics#ORDER_PARTITIONS}
 * @param compacted     cleanup.policy=compact (tables) instead of delete (event streams)
 * @param writer        the only service that produces to this topic
 * @param readers       the services that consume it
 */
public record TopicSpec(
        String name,
        List<Class<? extends SpecificRecord>> valueTypes,
        int partitions,
        boolean compacted,
        Service writer,
        Set<Service> readers) {

    /** Keys are always the entity id as a UTF-8 string. */
    public static final Class<String> KEY_TYPE = String.class;

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(writer, "writer");
        valueTypes = List.copyOf(valueTypes);
        readers = Set.copyOf(readers);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 for " + name);
        }
    }

    public String cleanupPolicy() {
        return compacted ? "compact" : "delete";
    }

    /** Replication for a cluster of the given size: 3 where possible, never more than brokers. */
    public short replicationFactor(int brokers) {
        return (short) Math.min(3, Math.max(1, brokers));
    }

    /** Topic configuration: cleanup policy and min.insync.replicas fitting the replication. */
    public Map<String, String> config(int brokers) {
        int minInsync = replicationFactor(brokers) >= 3 ? 2 : 1;
        return Map.of(
                "cleanup.policy", cleanupPolicy(),
                "min.insync.replicas", Integer.toString(minInsync));
    }
}
