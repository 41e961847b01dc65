package com.eventshop.contracts.serde;

import com.eventshop.contracts.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Releases the current contract: every record schema that differs from its latest released
 * version is written as the next version under {@code src/main/resources/eventshop/schemas/released}
 * and the index is rewritten. Run it when a contract change ships (see docs/contracts.md):
 * {@code ./mvnw -q -pl contracts compile exec:java}.
 */
public final class ReleaseSchemas {

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/main/resources/eventshop/schemas/released");
        Files.createDirectories(root);
        for (Class<?> type : Topics.recordTypes()) {
            Schema current = SpecificData.get().getSchema(type);
            Path dir = root.resolve(current.getFullName());
            Files.createDirectories(dir);
            List<Path> versions = versions(dir);
            Schema latest = versions.isEmpty() ? null
                    : new Schema.Parser().parse(versions.get(versions.size() - 1).toFile());
            if (current.equals(latest)) {
                continue;
            }
            List<String> problems = SchemaCompatibilityCheck.problems(current,
                    versions.stream().map(ReleaseSchemas::parse).toList());
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Not released, incompatible: " + problems);
            }
            Path next = dir.resolve("v" + (versions.size() + 1) + ".avsc");
            Files.writeString(next, current.toString(true) + "\n", StandardCharsets.UTF_8);
            System.out.println("released " + root.relativize(next));
        }
        writeIndex(root);
    }

    static List<Path> versions(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted((a, b) -> Integer.compare(number(a), number(b)))
                    .toList();
        }
    }

    private static int number(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeIndex(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Released contract schemas, written by ReleaseSchemas: <full name>/v<N>.avsc");
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                for (Path version : versions(dir)) {
                    lines.add(dir.getFileName() + "/" + version.getFileName());
                }
            }
        }
        Files.write(root.resolve("index.txt"), lines, StandardCharsets.UTF_8);
    }
}
