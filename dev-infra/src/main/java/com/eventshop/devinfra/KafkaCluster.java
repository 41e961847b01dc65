package com.eventshop.devinfra;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster (KRaft) running in this JVM, with its data on disk so that a restart keeps
 * topics and records.
 *
 * <p>Every node is a combined broker and controller; the controllers form a static voter set.
 * Node {@code i} keeps its data in {@code dataDir/kafka/node-i} and serves clients on
 * {@code PLAINTEXT://127.0.0.1:(port + i)}. The cluster id and size are kept in
 * {@code dataDir/kafka/cluster.properties}; a directory that does not match them is refused, never
 * reformatted.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

    static final String CLUSTER_FILE = "cluster.properties";
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Where and how to run the cluster.
     *
     * @param dataDir        the Eventshop data directory; Kafka uses {@code dataDir/kafka}
     * @param brokers        number of nodes (1 for development, 3 for fault tests)
     * @param port           client port of node 0, node i uses {@code port + i}; 0 picks free ports
     * @param controllerPort controller port of node 0, node i uses {@code controllerPort + i};
     *                       0 picks free ports
     */
    public record Settings(Path dataDir, int brokers, int port, int controllerPort) {

        public static final int DEFAULT_PORT = 9092;

        public Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            if (brokers < 1) {
                throw new IllegalArgumentException("brokers must be at least 1, was " + brokers);
            }
            if (port < 0 || controllerPort < 0) {
                throw new IllegalArgumentException("ports must not be negative");
            }
        }

        /** One broker on port 9092, controller on a free port. */
        public static Settings of(Path dataDir) {
            return new Settings(dataDir, 1, DEFAULT_PORT, 0);
        }

        public Settings withBrokers(int brokers) {
            return new Settings(dataDir, brokers, port, controllerPort);
        }

        public Settings withPort(int port) {
            return new Settings(dataDir, brokers, port, controllerPort);
        }

        public Settings withControllerPort(int controllerPort) {
            return new Settings(dataDir, brokers, port, controllerPort);
        }
    }

    private final String clusterId;
    private final List<KafkaConfig> configs;
    private final List<Integer> brokerPorts;
    /** Running node per index; null while a node is stopped. */
    private final KafkaRaftServer[] nodes;

    private KafkaCluster(String clusterId, List<KafkaConfig> configs, List<Integer> brokerPorts) {
        this.clusterId = clusterId;
        this.configs = configs;
        this.brokerPorts = brokerPorts;
        this.nodes = new KafkaRaftServer[configs.size()];
    }

    /**
     * Formats the storage on first use (or checks that it belongs to this cluster), starts every
     * node and returns once an admin client sees all brokers.
     */
    public static KafkaCluster start(Settings settings) {
        Path kafkaDir = settings.dataDir().resolve("kafka").toAbsolutePath();
        int brokers = settings.brokers();
        Optional<String> existingId = storedClusterId(settings.dataDir(), brokers);

        // Free ports are picked in one go so that no two nodes or listeners get the same one.
        List<Integer> free = Ports.freePorts((settings.port() == 0 ? brokers : 0)
                + (settings.controllerPort() == 0 ? brokers : 0));
        List<Integer> brokerPorts = settings.port() == 0 ? free.subList(0, brokers)
                : consecutive(settings.port(), brokers);
        List<Integer> controllerPorts = settings.controllerPort() == 0
                ? free.subList(free.size() - brokers, free.size())
                : consecutive(settings.controllerPort(), brokers);
        String voters = IntStream.range(0, brokers)
                .mapToObj(i -> i + "@" + HOST + ":" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        List<KafkaConfig> configs = IntStream.range(0, brokers)
                .mapToObj(i -> nodeConfig(i, brokers, nodeDir(kafkaDir, i),
                        brokerPorts.get(i), controllerPorts.get(i), voters))
                .toList();

        String clusterId = existingId.orElseGet(() -> format(kafkaDir, brokers));
        KafkaCluster cluster = new KafkaCluster(clusterId, configs, brokerPorts);
        try {
            cluster.startNodes(IntStream.range(0, brokers).boxed().toList());
            cluster.awaitBrokers(brokers);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        log.info("Kafka cluster {} ready: {} broker(s) at {}", clusterId, brokers,
                cluster.bootstrapServers());
        return cluster;
    }

    /**
     * The cluster id stored under {@code dataDir/kafka}, if that directory was formatted before.
     *
     * @throws DevInfraException when the directory holds something that is not a cluster of
     *                           {@code brokers} nodes formatted by this class
     */
    public static Optional<String> storedClusterId(Path dataDir, int brokers) {
        Path kafkaDir = dataDir.resolve("kafka").toAbsolutePath();
        if (DataDirectory.isEmptyOrMissing(kafkaDir)) {
            return Optional.empty();
        }
        Path clusterFile = kafkaDir.resolve(CLUSTER_FILE);
        if (!Files.isRegularFile(clusterFile)) {
            throw foreign(kafkaDir, "it has no " + CLUSTER_FILE);
        }
        Properties cluster = DataDirectory.readProperties(clusterFile, kafkaDir);
        String clusterId = cluster.getProperty("cluster.id");
        String storedBrokers = cluster.getProperty("brokers");
        if (clusterId == null || storedBrokers == null) {
            throw foreign(kafkaDir, CLUSTER_FILE + " lacks cluster.id or brokers");
        }
        if (!storedBrokers.equals(Integer.toString(brokers))) {
            throw new DevInfraException("Kafka data in " + kafkaDir + " was created for "
                    + storedBrokers + " broker(s), not " + brokers + ". Start with the same number"
                    + " of brokers (EVENTSHOP_KAFKA_BROKERS), or with --fresh to begin with empty"
                    + " data; nothing was deleted.");
        }
        for (int node = 0; node < brokers; node++) {
            Path meta = nodeDir(kafkaDir, node).resolve("meta.properties");
            if (!Files.isRegularFile(meta)) {
                throw foreign(kafkaDir, meta + " is missing");
            }
            Properties props = DataDirectory.readProperties(meta, kafkaDir);
            if (!clusterId.equals(props.getProperty("cluster.id"))
                    || !Integer.toString(node).equals(props.getProperty("node.id"))) {
                throw foreign(kafkaDir, meta + " belongs to cluster " + props.getProperty("cluster.id")
                        + " node " + props.getProperty("node.id") + ", expected cluster " + clusterId
                        + " node " + node);
            }
        }
        return Optional.of(clusterId);
    }

    private static DevInfraException foreign(Path kafkaDir, String why) {
        return new DevInfraException(kafkaDir + " does not hold Kafka data of this Eventshop (" + why
                + "). Start with --fresh to begin with empty data; nothing was deleted.");
    }

    private static List<Integer> consecutive(int first, int count) {
        return IntStream.range(0, count).mapToObj(i -> first + i).toList();
    }

    private static Path nodeDir(Path kafkaDir, int node) {
        return kafkaDir.resolve("node-" + node);
    }

    private static KafkaConfig nodeConfig(int node, int brokers, Path dir, int port,
                                          int controllerPort, String voters) {
        int replication = Math.min(3, brokers);
        int minInsync = replication >= 3 ? 2 : 1;
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":"
                + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dir.toString());
        props.put("metadata.log.dir", dir.toString());
        // Topics come from the catalogue (TopicProvisioner); a typo must not create a topic.
        props.put("auto.create.topics.enable", "false");
        // Otherwise every first consumer group waits 3 s before its first assignment.
        props.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner's default 128 MB dedupe buffer would sit on the heap for nothing.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        // Small segments let compaction of the table topics show its effect in development.
        props.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        // Internal topics sized for a laptop; replicated like the catalogue topics.
        props.put("offsets.topic.num.partitions", "10");
        props.put("offsets.topic.replication.factor", Integer.toString(replication));
        props.put("transaction.state.log.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", Integer.toString(replication));
        props.put("transaction.state.log.min.isr", Integer.toString(minInsync));
        props.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        props.put("share.coordinator.state.topic.min.isr", Integer.toString(minInsync));
        props.put("num.io.threads", "4");
        props.put("num.network.threads", "2");
        return new KafkaConfig(props, false);
    }

    /** Writes meta.properties and the bootstrap metadata of each node, then the cluster file. */
    private static String format(Path kafkaDir, int brokers) {
        String clusterId = Uuid.randomUuid().toString();
        try {
            Files.createDirectories(kafkaDir);
            for (int node = 0; node < brokers; node++) {
                String dir = nodeDir(kafkaDir, node).toString();
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                new Formatter()
                        .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                        .setNodeId(node)
                        .setClusterId(clusterId)
                        .setDirectories(List.of(dir))
                        .setMetadataLogDirectory(dir)
                        .setControllerListenerName("CONTROLLER")
                        .run();
                log.debug("Formatted Kafka node {}: {}", node, output.toString(StandardCharsets.UTF_8).trim());
            }
            // Written last: a half-formatted directory has no cluster file and is refused.
            Properties cluster = new Properties();
            cluster.setProperty("cluster.id", clusterId);
            cluster.setProperty("brokers", Integer.toString(brokers));
            cluster.setProperty("formatted.at", Instant.now().toString());
            DataDirectory.writeProperties(kafkaDir.resolve(CLUSTER_FILE), cluster,
                    "Eventshop embedded Kafka cluster");
        } catch (Exception e) {
            throw new DevInfraException("Could not format Kafka storage in " + kafkaDir + ": "
                    + e.getMessage(), e);
        }
        log.info("Formatted Kafka storage for cluster {} ({} node(s)) in {}", clusterId, brokers, kafkaDir);
        return clusterId;
    }

    /**
     * Starts the given nodes together: a node's broker waits for a controller quorum, which with
     * several voters needs the other nodes to come up at the same time.
     */
    private void startNodes(List<Integer> indexes) {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int node : indexes) {
            KafkaRaftServer server = new KafkaRaftServer(configs.get(node), Time.SYSTEM);
            nodes[node] = server;
            starts.add(CompletableFuture.runAsync(server::startup,
                    runnable -> new Thread(runnable, "kafka-node-" + node + "-start").start()));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DevInfraException("Kafka did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new DevInfraException("Kafka did not start within " + START_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevInfraException("Interrupted while starting Kafka", e);
        }
    }

    /** Waits until the cluster reports exactly the running brokers as alive. */
    private void awaitBrokers(int expected) {
        Set<Integer> running = runningNodes();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "eventshop-dev-infra",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            Set<Integer> alive = Set.of();
            while (System.nanoTime() < deadline) {
                try {
                    alive = admin.describeCluster().nodes().get().stream().map(Node::id)
                            .collect(Collectors.toSet());
                    if (alive.size() == expected && alive.equals(running)) {
                        return;
                    }
                } catch (ExecutionException e) {
                    log.debug("Cluster not ready yet: {}", e.getCause().toString());
                }
                Thread.sleep(50);
            }
            throw new DevInfraException("Kafka brokers " + running + " did not all register within "
                    + START_TIMEOUT.toSeconds() + " s (alive: " + alive + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevInfraException("Interrupted while waiting for Kafka", e);
        }
    }

    private Set<Integer> runningNodes() {
        return IntStream.range(0, nodes.length).filter(i -> nodes[i] != null).boxed()
                .collect(Collectors.toSet());
    }

    /** Bootstrap servers of every node, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return brokerPorts.stream().map(port -> HOST + ":" + port).collect(Collectors.joining(","));
    }

    public int brokerCount() {
        return nodes.length;
    }

    public String clusterId() {
        return clusterId;
    }

    /** Client port of the given node. */
    public int port(int node) {
        return brokerPorts.get(checkIndex(node));
    }

    /** Stops one node (broker and controller) as a controlled shutdown; its data stays. */
    public synchronized void stopBroker(int node) {
        KafkaRaftServer server = nodes[checkIndex(node)];
        if (server == null) {
            throw new IllegalStateException("Kafka node " + node + " is not running");
        }
        nodes[node] = null;
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka node {} stopped", node);
    }

    /** Restarts a stopped node on the same ports and data, and waits until it is back. */
    public synchronized void startBroker(int node) {
        if (nodes[checkIndex(node)] != null) {
            throw new IllegalStateException("Kafka node " + node + " is already running");
        }
        startNodes(List.of(node));
        awaitBrokers(runningNodes().size());
        log.info("Kafka node {} started", node);
    }

    private int checkIndex(int node) {
        if (node < 0 || node >= nodes.length) {
            throw new IllegalArgumentException("No Kafka node " + node + " (nodes 0.." + (nodes.length - 1) + ")");
        }
        return node;
    }

    /** Stops all running nodes together, so none waits for a quorum that is going away. */
    @Override
    public synchronized void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (int node = 0; node < nodes.length; node++) {
            KafkaRaftServer server = nodes[node];
            if (server == null) {
                continue;
            }
            nodes[node] = null;
            stops.add(CompletableFuture.runAsync(() -> {
                server.shutdown();
                server.awaitShutdown();
            }, runnable -> new Thread(runnable, "kafka-node-stop").start()));
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Kafka did not shut down cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
