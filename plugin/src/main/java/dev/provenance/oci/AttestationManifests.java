package dev.provenance.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the manifests, configs and indexes of both attachment formats. */
final class AttestationManifests {

    /** The empty config zero time that cosign writes. */
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttestationManifests() {}

    /** Returns the layer descriptor of one envelope in cosign's {@code .att} manifest. */
    static Descriptor cosignLayer(byte[] envelope, String predicateType) {
        Map<String, String> annotations = new LinkedHashMap<>();

        // cosign's verifier reads the signature annotation and fails when it is absent, even though it is empty here.
        annotations.put(MediaTypes.ANNOTATION_COSIGN_SIGNATURE, "");
        annotations.put(MediaTypes.ANNOTATION_PREDICATE_TYPE, predicateType);
        return Descriptor.of(MediaTypes.DSSE_ENVELOPE, envelope).withAnnotations(annotations);
    }

    /**
     * Returns the image config of a cosign {@code .att} manifest: empty fields, one history entry and one
     * {@code rootfs.diff_ids} entry per layer. No verifier reads it, but registries require a config blob.
     */
    static byte[] cosignConfig(List<Descriptor> layers) {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", "");
        config.put("created", ZERO_TIME);
        ArrayNode history = config.putArray("history");
        ObjectNode rootfs = JSON.createObjectNode();
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        for (Descriptor layer : layers) {
            history.addObject().put("created", ZERO_TIME);
            diffIds.add(layer.digest().toString());
        }
        config.put("os", "");
        config.set("rootfs", rootfs);
        config.putObject("config");
        return bytes(config);
    }

    /** Returns the OCI image manifest of cosign's {@code .att} tag. */
    static byte[] cosignManifest(byte[] config, List<Descriptor> layers) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", Descriptor.of(MediaTypes.OCI_CONFIG, config).toJson());
        ArrayNode array = manifest.putArray("layers");
        layers.forEach(layer -> array.add(layer.toJson()));
        return bytes(manifest);
    }

    /** Reads the layer descriptors of an existing manifest. */
    static List<Descriptor> layers(JsonNode manifest) {
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            layers.add(Descriptor.fromJson(layer));
        }
        return layers;
    }

    /**
     * Returns a referrer manifest for one Sigstore bundle (image-spec v1.1.1 manifest.md: empty config,
     * {@code artifactType}, one layer and {@code subject}).
     */
    static byte[] bundleManifest(Descriptor bundle, Descriptor subject, String predicateType, Instant created) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("artifactType", MediaTypes.SIGSTORE_BUNDLE);
        manifest.set(
                "config",
                Descriptor.of(MediaTypes.OCI_EMPTY, MediaTypes.EMPTY_JSON).toJson());
        manifest.putArray("layers").add(bundle.toJson());
        manifest.set("subject", subjectDescriptor(subject).toJson());
        ObjectNode annotations = manifest.putObject("annotations");
        bundleAnnotations(predicateType, created).forEach(annotations::put);
        return bytes(manifest);
    }

    /** Returns the manifest-level annotations of a bundle referrer, which the referrers index copies. */
    static Map<String, String> bundleAnnotations(String predicateType, Instant created) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(MediaTypes.ANNOTATION_BUNDLE_CONTENT, "dsse-envelope");
        annotations.put(MediaTypes.ANNOTATION_BUNDLE_PREDICATE_TYPE, predicateType);
        annotations.put(
                MediaTypes.ANNOTATION_CREATED,
                java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                        created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        return annotations;
    }

    /** Returns an image index, the form of both the referrers API response and the referrers tag. */
    static byte[] index(List<Descriptor> manifests) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode array = index.putArray("manifests");
        manifests.forEach(entry -> array.add(entry.toJson()));
        return bytes(index);
    }

    /** Reads the entries of an index, or fails when the JSON is not an image index. */
    static List<Descriptor> indexEntries(JsonNode index, String source) {
        if (index.path("schemaVersion").asInt() != 2 || !index.path("manifests").isArray()) {
            throw new IllegalArgumentException(source + " is not an OCI image index");
        }
        List<Descriptor> entries = new ArrayList<>();
        for (JsonNode entry : index.get("manifests")) {
            entries.add(Descriptor.fromJson(entry));
        }
        return entries;
    }

    private static Descriptor subjectDescriptor(Descriptor subject) {
        return new Descriptor(
                subject.mediaType(), subject.digest(), subject.size(), java.util.Optional.empty(), Map.of());
    }

    static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
