package com.eventshop.contracts.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The rule every contract change must pass: the current schema of a record reads data written
 * with every released version of it (backward compatibility, transitively). A change that
 * breaks it needs a new record on a new topic instead.
 */
public final class SchemaCompatibilityCheck {

    private SchemaCompatibilityCheck() {
    }

    /** A human-readable problem per incompatible (current, released version) pair; empty if fine. */
    public static List<String> problems(Schema current, List<Schema> releasedVersions) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < releasedVersions.size(); i++) {
            SchemaPairCompatibility result = SchemaCompatibility
                    .checkReaderWriterCompatibility(current, releasedVersions.get(i));
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(current.getFullName() + " cannot read released v" + (i + 1) + ": "
                        + result.getResult().getIncompatibilities().stream()
                                .map(inc -> inc.getType() + " at " + inc.getLocation() + " ("
                                        + inc.getMessage() + ")")
                                .toList());
            }
        }
        return problems;
    }

    /** Checks every current schema against all of its released versions. */
    public static List<String> problems(List<Schema> currentSchemas, Map<String, List<Schema>> released) {
        List<String> problems = new ArrayList<>();
        for (Schema current : currentSchemas) {
            problems.addAll(problems(current, released.getOrDefault(current.getFullName(), List.of())));
        }
        return problems;
    }
}
