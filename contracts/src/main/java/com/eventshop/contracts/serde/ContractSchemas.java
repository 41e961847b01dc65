package com.eventshop.contracts.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Every schema a consumer may meet: the current ones compiled into the generated classes and
 * every released version kept under {@code eventshop/schemas/released/<full name>/v<N>.avsc}.
 * Single-object encoded records carry the fingerprint of their writer schema; this store turns
 * a fingerprint back into that schema so older versions decode into the current classes.
 */
public final class ContractSchemas implements SchemaStore {

    /** Listing of released schema files, generated in the build (one path per line). */
    static final String RELEASED_INDEX = "eventshop/schemas/released/index.txt";

    private static final ContractSchemas INSTANCE = new ContractSchemas();

    private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();
    private final Map<String, List<Schema>> releasedByName;

    static {
        // Avro 1.12 only instantiates trusted classes; generated Eventshop records are ours
        // (the contracts, and services' internal records for repartition topics and stores).
        ClassSecurityValidator.ClassSecurityPredicate contracts =
                type -> type.getName().startsWith("com.eventshop.");
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), contracts));
    }

    private ContractSchemas() {
        releasedByName = Collections.unmodifiableMap(loadReleased());
        releasedByName.values().forEach(versions -> versions.forEach(this::add));
    }

    public static ContractSchemas get() {
        return INSTANCE;
    }

    /** Makes a schema known by its fingerprint (current schemas register themselves). */
    public void add(Schema schema) {
        byFingerprint.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), schema);
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** Released versions of a record, oldest first (empty if never released). */
    public List<Schema> releasedVersions(String fullName) {
        return releasedByName.getOrDefault(fullName, List.of());
    }

    public Map<String, List<Schema>> released() {
        return releasedByName;
    }

    private static Map<String, List<Schema>> loadReleased() {
        Map<String, List<Schema>> result = new TreeMap<>();
        for (String path : readLines(RELEASED_INDEX)) {
            // path: <full name>/v<N>.avsc ; the index is sorted by name, then version
            String fullName = path.substring(0, path.indexOf('/'));
            Schema schema = new Schema.Parser().parse(
                    readResource("eventshop/schemas/released/" + path));
            result.computeIfAbsent(fullName, n -> new ArrayList<>()).add(schema);
        }
        return result;
    }

    private static List<String> readLines(String resource) {
        String text = readResource(resource);
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    static String readResource(String resource) {
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
