package dev.provenance.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI content descriptor (image-spec v1.1.1, descriptor.md).
 *
 * @param mediaType the media type of the referenced content
 * @param digest its digest
 * @param size its size in bytes
 * @param artifactType the artifact type, for index entries and referrers; may be empty
 * @param annotations the annotations, in insertion order
 */
public record Descriptor(
        String mediaType, Digest digest, long size, Optional<String> artifactType, Map<String, String> annotations) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Descriptor {
        annotations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    /** Returns a descriptor of {@code bytes} without artifact type or annotations. */
    public static Descriptor of(String mediaType, byte[] bytes) {
        return new Descriptor(mediaType, Digest.of(bytes), bytes.length, Optional.empty(), Map.of());
    }

    /** Returns this descriptor with {@code annotations}. */
    public Descriptor withAnnotations(Map<String, String> values) {
        return new Descriptor(mediaType, digest, size, artifactType, values);
    }

    /** Returns this descriptor with {@code type} as artifact type. */
    public Descriptor withArtifactType(String type) {
        return new Descriptor(mediaType, digest, size, Optional.of(type), annotations);
    }

    /** Serializes the descriptor as a JSON object. */
    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", digest.toString());
        node.put("size", size);
        artifactType.ifPresent(type -> node.put("artifactType", type));
        if (!annotations.isEmpty()) {
            ObjectNode values = node.putObject("annotations");
            annotations.forEach(values::put);
        }
        return node;
    }

    /**
     * Reads a descriptor from JSON.
     *
     * @throws IllegalArgumentException when a required field is missing or invalid
     */
    public static Descriptor fromJson(JsonNode node) {
        if (!node.path("mediaType").isTextual()
                || !node.path("digest").isTextual()
                || !node.path("size").isNumber()) {
            throw new IllegalArgumentException("invalid descriptor, mediaType, digest and size are required: " + node);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations")
                .fields()
                .forEachRemaining(entry ->
                        annotations.put(entry.getKey(), entry.getValue().asText()));
        Optional<String> artifactType = node.path("artifactType").isTextual()
                ? Optional.of(node.get("artifactType").asText())
                : Optional.empty();
        return new Descriptor(
                node.get("mediaType").asText(),
                Digest.parse(node.get("digest").asText()),
                node.get("size").asLong(),
                artifactType,
                annotations);
    }
}
