package dev.provenance.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * A manifest or index as stored: its exact bytes, media type and digest.
 *
 * @param bytes the manifest bytes; the digest covers exactly these
 * @param mediaType the media type the store reported, or the {@code mediaType} field
 * @param digest the digest of {@code bytes}
 * @param etag the HTTP entity tag, when the registry sent one
 */
public record Manifest(byte[] bytes, String mediaType, Digest digest, Optional<String> etag) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Returns a manifest of {@code bytes} whose media type is taken from its {@code mediaType} field. */
    public static Manifest of(byte[] bytes) {
        return new Manifest(bytes, json(bytes).path("mediaType").asText(""), Digest.of(bytes), Optional.empty());
    }

    /** Returns the descriptor of this manifest. */
    public Descriptor descriptor() {
        return new Descriptor(mediaType, digest, bytes.length, Optional.empty(), java.util.Map.of());
    }

    /** Parses the manifest bytes. */
    public JsonNode json() {
        return json(bytes);
    }

    static JsonNode json(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the manifest is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("the manifest is not valid JSON: " + e.getMessage(), e);
        }
    }
}
