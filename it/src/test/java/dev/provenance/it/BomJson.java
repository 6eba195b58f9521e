package dev.provenance.it;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/** A CycloneDX JSON document read as a tree, with accessors for what the SBOM tests compare. */
final class BomJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final JsonNode root;

    private BomJson(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static BomJson read(Path file) {
        try {
            return new BomJson(file, MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Returns {@code "<from> -> <to>"}, the form in which {@link #edges()} lists an edge. */
    static String edge(String from, String to) {
        return from + " -> " + to;
    }

    static String edge(BomArtifact from, BomArtifact to) {
        return edge(from.purl(), to.purl());
    }

    Path file() {
        return file;
    }

    JsonNode root() {
        return root;
    }

    String specVersion() {
        return root.path("specVersion").asText(null);
    }

    JsonNode metadataComponent() {
        return root.path("metadata").path("component");
    }

    /** Returns the {@code bom-ref} of {@code metadata.component}, the root of the dependency graph. */
    String rootRef() {
        return metadataComponent().path("bom-ref").asText(null);
    }

    /** Returns the {@code purl} of every entry of {@code components}. */
    Set<String> purls() {
        Set<String> purls = new TreeSet<>();
        for (JsonNode component : root.path("components")) {
            purls.add(component.path("purl").asText(null));
        }
        return purls;
    }

    /** Returns the {@code bom-ref} of every entry of {@code components}. */
    Set<String> bomRefs() {
        Set<String> refs = new TreeSet<>();
        for (JsonNode component : root.path("components")) {
            refs.add(component.path("bom-ref").asText(null));
        }
        return refs;
    }

    /** Returns the one component with this package URL, and fails the test when there is none or more than one. */
    JsonNode component(String purl) {
        List<JsonNode> matches = StreamSupport.stream(root.path("components").spliterator(), false)
                .filter(component -> purl.equals(component.path("purl").asText()))
                .toList();
        if (matches.size() != 1) {
            fail("expected one component with purl %s in %s, found %d; purls: %s", purl, file, matches.size(), purls());
        }
        return matches.get(0);
    }

    JsonNode component(BomArtifact artifact) {
        return component(artifact.purl());
    }

    /** Returns the component's hashes as algorithm name to lowercase hex content. */
    static Map<String, String> hashes(JsonNode component) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (JsonNode hash : component.path("hashes")) {
            hashes.put(hash.path("alg").asText(), hash.path("content").asText());
        }
        return hashes;
    }

    /** Returns the properties of a component or of {@code metadata}, as name to value. */
    static Map<String, String> properties(JsonNode node) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (JsonNode property : node.path("properties")) {
            properties.put(
                    property.path("name").asText(), property.path("value").asText());
        }
        return properties;
    }

    Map<String, String> metadataProperties() {
        return properties(root.path("metadata"));
    }

    /**
     * Returns each license of a component as {@code id:<SPDX id>} or as {@code name:<name> url:<url>} for a license
     * that names no SPDX id ({@code url:} left out when the license has none).
     */
    static List<String> licenses(JsonNode component) {
        return StreamSupport.stream(component.path("licenses").spliterator(), false)
                .map(choice -> choice.path("license"))
                .map(license -> license.hasNonNull("id")
                        ? "id:" + license.get("id").asText()
                        : "name:" + license.path("name").asText()
                                + (license.hasNonNull("url")
                                        ? " url:" + license.get("url").asText()
                                        : ""))
                .toList();
    }

    /** Returns every edge of {@code dependencies} as {@code "<ref> -> <dependsOn>"}. */
    Set<String> edges() {
        Set<String> edges = new TreeSet<>();
        for (JsonNode dependency : root.path("dependencies")) {
            String from = dependency.path("ref").asText();
            for (JsonNode to : dependency.path("dependsOn")) {
                edges.add(edge(from, to.asText()));
            }
        }
        return edges;
    }

    /** Returns every ref that {@code dependencies} names, as {@code ref} or in {@code dependsOn}. */
    Set<String> dependencyRefs() {
        Set<String> refs = new TreeSet<>();
        for (JsonNode dependency : root.path("dependencies")) {
            refs.add(dependency.path("ref").asText());
            dependency.path("dependsOn").forEach(to -> refs.add(to.asText()));
        }
        return refs;
    }

    /** Returns the purls of {@code formulation[0].components}. */
    Set<String> formulationPurls() {
        Set<String> purls = new TreeSet<>();
        for (JsonNode component : root.path("formulation").path(0).path("components")) {
            purls.add(component.path("purl").asText(null));
        }
        return purls;
    }
}
