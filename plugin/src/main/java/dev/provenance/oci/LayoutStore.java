package dev.provenance.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenance.io.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OCI image layout directory (image-spec v1.1.1, image-layout.md): {@code oci-layout}, {@code index.json} and
 * {@code blobs/sha256/<hex>}.
 *
 * <p>Tags are {@code index.json} entries with the annotation {@code org.opencontainers.image.ref.name}; manifests stored
 * by digest are entries without it. Referrers are found by reading each manifest's {@code subject}, so the layout
 * needs no referrers tag. Updates of {@code index.json} hold a file lock and replace the file atomically.
 */
public final class LayoutStore implements OciStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    private LayoutStore(Path root) {
        this.root = root;
    }

    /** Opens the layout at {@code root}, creating an empty one when the directory has none. */
    public static LayoutStore create(Path root) throws IOException {
        Files.createDirectories(root.resolve("blobs").resolve("sha256"));
        if (!Files.exists(root.resolve("oci-layout"))) {
            writeAtomically(
                    root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        }
        if (!Files.exists(root.resolve("index.json"))) {
            writeAtomically(root.resolve("index.json"), AttestationManifests.index(List.of()));
        }
        return new LayoutStore(root);
    }

    /**
     * Opens an existing layout for reading.
     *
     * @throws IOException when {@code root} is not an OCI image layout
     */
    public static LayoutStore open(Path root) throws IOException {
        if (!Files.isRegularFile(root.resolve("oci-layout")) || !Files.isRegularFile(root.resolve("index.json"))) {
            throw new NoSuchFileException(root + " is not an OCI image layout: it has no oci-layout and index.json");
        }
        return new LayoutStore(root);
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "oci:" + root;
    }

    @Override
    public void putBlob(byte[] bytes) throws IOException {
        Path file = blobPath(Digest.of(bytes));
        if (!Files.exists(file)) {
            writeAtomically(file, bytes);
        }
    }

    @Override
    public byte[] blob(Digest digest) throws IOException {
        byte[] bytes = Files.readAllBytes(blobPath(digest));
        if (!Digest.of(bytes).equals(digest)) {
            throw new IOException("the blob " + blobPath(digest) + " does not match its digest " + digest);
        }
        return bytes;
    }

    @Override
    public Optional<Manifest> manifest(String reference) throws IOException {
        for (Descriptor entry : entries()) {
            boolean matches = reference.startsWith("sha256:")
                    ? entry.digest().toString().equals(reference)
                    : reference.equals(entry.annotations().get(MediaTypes.ANNOTATION_REF_NAME));
            if (matches) {
                return Optional.of(
                        new Manifest(blob(entry.digest()), entry.mediaType(), entry.digest(), Optional.empty()));
            }
        }
        if (reference.startsWith("sha256:") && Files.exists(blobPath(Digest.parse(reference)))) {
            return Optional.of(Manifest.of(blob(Digest.parse(reference))));
        }
        return Optional.empty();
    }

    @Override
    public boolean putManifest(String reference, byte[] bytes, String mediaType, Optional<String> ifMatch)
            throws IOException {
        putBlob(bytes);
        Descriptor descriptor = new Descriptor(
                mediaType,
                Digest.of(bytes),
                bytes.length,
                Optional.ofNullable(Manifest.json(bytes).path("artifactType").textValue()),
                java.util.Map.of());
        boolean tagged = !reference.startsWith("sha256:");
        if (tagged) {
            descriptor = descriptor.withAnnotations(java.util.Map.of(MediaTypes.ANNOTATION_REF_NAME, reference));
        }
        Descriptor entry = descriptor;
        updateIndex(entries -> {

            // A tag names one manifest, so its previous entry goes; an untagged manifest is listed once.
            entries.removeIf(existing -> tagged
                    ? reference.equals(existing.annotations().get(MediaTypes.ANNOTATION_REF_NAME))
                    : existing.digest().equals(entry.digest())
                            && existing.annotations().isEmpty());
            entries.add(entry);
        });
        return true;
    }

    @Override
    public Optional<byte[]> referrers(Digest subject) throws IOException {
        List<Descriptor> referrers = new ArrayList<>();
        for (Descriptor entry : entries()) {
            if (entry.annotations().containsKey(MediaTypes.ANNOTATION_REF_NAME)) {
                continue;
            }
            JsonNode manifest = Manifest.json(blob(entry.digest()));
            if (!subject.toString()
                    .equals(manifest.path("subject").path("digest").asText())) {
                continue;
            }
            java.util.Map<String, String> annotations = new java.util.LinkedHashMap<>();
            manifest.path("annotations")
                    .fields()
                    .forEachRemaining(
                            e -> annotations.put(e.getKey(), e.getValue().asText()));
            String artifactType = manifest.path("artifactType")
                    .asText(manifest.path("config").path("mediaType").asText());
            referrers.add(new Descriptor(
                    entry.mediaType(), entry.digest(), entry.size(), Optional.of(artifactType), annotations));
        }
        return Optional.of(AttestationManifests.index(referrers));
    }

    /** Returns the entries of {@code index.json}. */
    public List<Descriptor> entries() throws IOException {
        JsonNode index = JSON.readTree(root.resolve("index.json").toFile());
        return new ArrayList<>(AttestationManifests.indexEntries(
                index, root.resolve("index.json").toString()));
    }

    /** Adds an entry for a manifest already stored as a blob, tagged {@code tag} when it is not null. */
    public void tag(Descriptor manifest, String tag) throws IOException {
        Descriptor entry = tag == null
                ? manifest
                : manifest.withAnnotations(java.util.Map.of(MediaTypes.ANNOTATION_REF_NAME, tag));
        updateIndex(entries -> {
            entries.removeIf(existing -> existing.digest().equals(entry.digest())
                    && java.util.Objects.equals(existing.annotations().get(MediaTypes.ANNOTATION_REF_NAME), tag));
            entries.add(entry);
        });
    }

    private interface IndexUpdate {
        void apply(List<Descriptor> entries);
    }

    private synchronized void updateIndex(IndexUpdate update) throws IOException {
        Path lockFile = root.resolve(".index.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            List<Descriptor> entries = entries();
            update.apply(entries);
            ObjectNode index = (ObjectNode) Manifest.json(AttestationManifests.index(entries));
            writeAtomically(
                    root.resolve("index.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
        }
    }

    private Path blobPath(Digest digest) {
        return root.resolve("blobs").resolve("sha256").resolve(digest.hex());
    }

    /** Writes a temporary file in the target's folder and moves it into place atomically. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, bytes);
    }
}
