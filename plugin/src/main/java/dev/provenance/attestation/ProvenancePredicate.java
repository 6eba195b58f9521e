package dev.provenance.attestation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the SLSA Provenance v1 predicate (https://slsa.dev/spec/v1.0/provenance): {@code buildDefinition} with the
 * build type, external parameters and resolved dependencies, and {@code runDetails} with the builder and timestamps.
 */
public final class ProvenancePredicate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvenancePredicate() {}

    /** Returns the predicate object for {@code build}; map entries are sorted so the output is reproducible. */
    public static ObjectNode of(BuildRecord build) {
        ObjectNode predicate = JSON.createObjectNode();
        ObjectNode definition = predicate.putObject("buildDefinition");
        definition.put("buildType", build.buildType());
        putSorted(definition.putObject("externalParameters"), build.externalParameters());
        ArrayNode dependencies = definition.putArray("resolvedDependencies");
        build.source().ifPresent(source -> addSource(dependencies, source));
        for (BuildRecord.ResolvedArtifact artifact : build.artifacts()) {
            ObjectNode node = dependencies.addObject();
            node.put("uri", artifact.purl());
            node.putObject("digest").put("sha256", artifact.sha256());
            node.put("name", artifact.fileName());
        }

        ObjectNode run = predicate.putObject("runDetails");
        ObjectNode builder = run.putObject("builder");
        builder.put("id", build.builderId());
        if (!build.builderVersions().isEmpty()) {
            putSorted(builder.putObject("version"), build.builderVersions());
        }
        ObjectNode metadata = run.putObject("metadata");
        if (!build.invocationId().isEmpty()) {
            metadata.put("invocationId", build.invocationId());
        }
        metadata.put("startedOn", timestamp(build.startedOn()));
        metadata.put("finishedOn", timestamp(build.finishedOn()));
        return predicate;
    }

    /** Formats an instant as RFC 3339 UTC with a {@code Z} suffix and whole seconds. */
    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static void addSource(ArrayNode dependencies, BuildRecord.SourceRevision source) {
        ObjectNode node = dependencies.addObject();
        String ref = source.ref().isEmpty() ? "" : "@" + source.ref();
        node.put("uri", source.uri() + ref);
        node.putObject("digest").put("gitCommit", source.commit());
    }

    private static void putSorted(ObjectNode node, Map<String, String> values) {
        new TreeMap<>(values).forEach(node::put);
    }
}
