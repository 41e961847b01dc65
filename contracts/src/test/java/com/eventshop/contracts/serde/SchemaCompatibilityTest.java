package com.eventshop.contracts.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderRequested;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/** The build-time gate: the current contract reads everything every released version wrote. */
class SchemaCompatibilityTest {

    private static final Path RELEASED = Path.of("src/main/resources/eventshop/schemas/released");

    @Test
    void currentSchemasReadEveryReleasedVersion() {
        List<Schema> current = Topics.recordTypes().stream()
                .map(type -> SpecificData.get().getSchema(type)).toList();
        assertThat(SchemaCompatibilityCheck.problems(current, ContractSchemas.get().released()))
                .isEmpty();
    }

    @Test
    void everyRecordTypeHasBeenReleased() {
        // Forgetting to release a new record would let its first shape change unchecked.
        for (Class<?> type : Topics.recordTypes()) {
            String name = SpecificData.get().getSchema(type).getFullName();
            assertThat(ContractSchemas.get().releasedVersions(name))
                    .as("released versions of " + name + " (run ReleaseSchemas, docs/contracts.md)")
                    .isNotEmpty();
        }
    }

    @Test
    void theIndexListsEveryReleasedFile() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(RELEASED)) {
            files = walk.filter(p -> p.toString().endsWith(".avsc"))
                    .map(p -> RELEASED.relativize(p).toString()).sorted().toList();
        }
        List<String> indexed = Files.readAllLines(RELEASED.resolve("index.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();
        assertThat(indexed).isEqualTo(files);
    }

    @Test
    void anIncompatibleChangeIsRejected() throws IOException {
        Schema broken = parseFixture("OrderRequested-incompatible.avsc");
        List<Schema> released = ContractSchemas.get()
                .releasedVersions(OrderRequested.getClassSchema().getFullName());

        List<String> problems = SchemaCompatibilityCheck.problems(broken, released);

        assertThat(problems).hasSize(released.size());
        assertThat(problems.get(0)).contains("TYPE_MISMATCH").contains("channel");
    }

    @Test
    void addingAFieldWithADefaultIsAccepted() throws IOException {
        Schema older = parseFixture("OrderRequested-v0.avsc");
        assertThat(SchemaCompatibilityCheck.problems(OrderRequested.getClassSchema(), List.of(older)))
                .isEmpty();
        // ...but the older reader cannot be handed to newer writers in reverse if a field had no default.
        assertThat(SchemaCompatibilityCheck.problems(parseFixture("OrderRequested-incompatible.avsc"),
                List.of(older))).isNotEmpty();
    }

    static Schema parseFixture(String name) throws IOException {
        try (var in = SchemaCompatibilityTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new Schema.Parser().parse(in);
        }
    }
}
