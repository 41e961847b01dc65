package com.eventshop.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The Eventshop data directory: recognised by its marker file, refused when it is something else,
 * and deleted only when it is recognisably ours.
 */
final class DataDirectory {

    static final String MARKER = "eventshop-data.properties";
    /** Raise when the layout under the data directory changes incompatibly. */
    static final String FORMAT_VERSION = "1";
    static final String KAFKA_CLUSTER_ID = "kafka.cluster.id";

    private DataDirectory() {
    }

    /**
     * Checks that {@code dataDir} is an Eventshop data directory of this format, or creates one
     * (with its marker) when it is missing or empty.
     */
    static Properties prepare(Path dataDir) {
        Path marker = dataDir.resolve(MARKER);
        if (isEmptyOrMissing(dataDir)) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new DevInfraException("Could not create the data directory " + dataDir + ": " + e, e);
            }
            Properties props = new Properties();
            props.setProperty("format.version", FORMAT_VERSION);
            props.setProperty("created.at", Instant.now().toString());
            writeProperties(marker, props, "Eventshop data directory");
            return props;
        }
        if (!Files.isRegularFile(marker)) {
            throw notOurs(dataDir);
        }
        Properties props = readProperties(marker, dataDir);
        if (!FORMAT_VERSION.equals(props.getProperty("format.version"))) {
            throw notOurs(dataDir);
        }
        return props;
    }

    static Optional<String> kafkaClusterId(Properties marker) {
        return Optional.ofNullable(marker.getProperty(KAFKA_CLUSTER_ID));
    }

    static void recordKafkaClusterId(Path dataDir, Properties marker, String clusterId) {
        marker.setProperty(KAFKA_CLUSTER_ID, clusterId);
        writeProperties(dataDir.resolve(MARKER), marker, "Eventshop data directory");
    }

    private static DevInfraException notOurs(Path dataDir) {
        return new DevInfraException(dataDir.toAbsolutePath() + " is not an Eventshop data directory"
                + " (or was written by an incompatible version). Start with --fresh to begin with"
                + " empty data; nothing was deleted.");
    }

    /**
     * Deletes {@code dataDir} when it is empty or carries the marker. Anything else is refused
     * unless {@code force} is set; a filesystem root or the home directory is refused always.
     */
    static void wipe(Path dataDir, boolean force) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            return;
        }
        if (dir.getParent() == null || dir.equals(Path.of(System.getProperty("user.home")).toAbsolutePath())) {
            throw new DevInfraException("Refusing to delete " + dir + ": choose a dedicated data"
                    + " directory (EVENTSHOP_DATA_DIR).");
        }
        if (!force && !isEmptyOrMissing(dir) && !Files.isRegularFile(dir.resolve(MARKER))) {
            throw new DevInfraException(dir + " is not an Eventshop data directory; refusing to"
                    + " delete it. Remove it yourself or point EVENTSHOP_DATA_DIR elsewhere.");
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            // Deepest first, so every directory is empty when its turn comes.
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new DevInfraException("Could not delete " + dir + ": " + e.getMessage(), e);
        }
    }

    static boolean isEmptyOrMissing(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        // The launcher opens its log files (logs/) before the infrastructure starts.
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                entry -> !(entry.getFileName().toString().equals("logs") && Files.isDirectory(entry)))) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new DevInfraException("Could not read the directory " + dir + ": " + e, e);
        }
    }

    /** Reads a properties file that belongs to {@code owner}; an unreadable one is refused. */
    static Properties readProperties(Path file, Path owner) {
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
            return props;
        } catch (IOException | IllegalArgumentException e) {
            throw new DevInfraException("Could not read " + file + " (" + e.getMessage() + "), so "
                    + owner.toAbsolutePath() + " cannot be used. Start with --fresh to begin with"
                    + " empty data; nothing was deleted.", e);
        }
    }

    /** Writes through a temporary file, so a crash never leaves half a file behind. */
    static void writeProperties(Path file, Properties props, String comment) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                props.store(out, comment);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DevInfraException("Could not write " + file + ": " + e, e);
        }
    }
}
