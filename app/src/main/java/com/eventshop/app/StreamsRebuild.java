package com.eventshop.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets a stopped Kafka Streams service so it rebuilds its state from the topics, what
 * {@code kafka-streams-application-reset} does, with the Admin API (the tool's module drags
 * a whole Connect runtime along):
 *
 * <ol>
 *   <li>delete the consumer group {@code eventshop-<service>} (its committed input offsets): the
 *       application then starts from the earliest offsets (Kafka Streams' default reset);</li>
 *   <li>delete its internal topics ({@code eventshop-<service>-*-changelog} and
 *       {@code -repartition}), so no store is restored from an old changelog;</li>
 *   <li>delete its local state directory {@code <data>/state/<service>}.</li>
 * </ol>
 *
 * The service must be stopped on every instance: a group with members is refused (after
 * waiting for members of a stopped instance to time out).
 */
public final class StreamsRebuild {

    private static final Logger log = LoggerFactory.getLogger(StreamsRebuild.class);
    private static final Duration GROUP_EMPTY_TIMEOUT = Duration.ofSeconds(60);

    /** What was reset. */
    public record Result(String applicationId, List<String> deletedTopics, boolean stateDeleted) {
    }

    private StreamsRebuild() {
    }

    public static Result reset(String bootstrapServers, String service, Path dataDir) {
        String applicationId = "eventshop-" + service;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            deleteGroup(admin, applicationId);
            Set<String> all = admin.listTopics().names().get();
            List<String> internal = all.stream().filter(t -> t.startsWith(applicationId + "-")
                    && (t.endsWith("-changelog") || t.endsWith("-repartition"))).sorted().toList();
            if (!internal.isEmpty()) {
                admin.deleteTopics(internal).all().get();
                awaitGone(admin, internal);
            }
            boolean stateDeleted = deleteTree(dataDir.resolve("state").resolve(service));
            log.info("Reset {}: group deleted, internal topics {} deleted, local state {}", applicationId, internal,
                    stateDeleted ? "deleted" : "absent");
            return new Result(applicationId, internal, stateDeleted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while resetting " + service);
        } catch (ExecutionException e) {
            throw new LaunchException("Could not reset " + service + ": " + e.getCause().getMessage(), e);
        }
    }

    private static void deleteGroup(Admin admin, String group) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + GROUP_EMPTY_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get();
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return; // never ran, or already reset
                }
                if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                    throw new LaunchException("The consumer group " + group + " still has members: stop every "
                            + "instance of the service first (" + e.getCause().getMessage() + ")", e);
                }
                Thread.sleep(500); // a stopped member stays until its session times out
            }
        }
    }

    private static void awaitGone(Admin admin, List<String> topics) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (admin.listTopics().names().get().stream().anyMatch(topics::contains)) {
            if (System.nanoTime() > deadline) {
                throw new LaunchException("Internal topics were not deleted within 30 s: " + topics);
            }
            Thread.sleep(200);
        }
    }

    private static boolean deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}
