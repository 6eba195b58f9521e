package dev.provenance.oci;

import java.io.IOException;
import java.util.Optional;

/**
 * Content-addressed storage of blobs and manifests with tags: a registry repository or an OCI image layout directory.
 */
public interface OciStore {

    /** Returns a human-readable name of the store, for messages. */
    String describe();

    /** Stores {@code bytes} as a blob, unless a blob of that digest exists. */
    void putBlob(byte[] bytes) throws IOException;

    /** Returns the blob of {@code digest}, verified against it. */
    byte[] blob(Digest digest) throws IOException;

    /** Returns the manifest that {@code reference} (a tag or {@code sha256:<hex>}) names, or empty when there is none. */
    Optional<Manifest> manifest(String reference) throws IOException;

    /**
     * Stores a manifest under {@code reference}, a tag or its own digest.
     *
     * @param ifMatch the entity tag the current manifest at {@code reference} must have, when the store supports it
     * @return whether the store indexed the manifest's {@code subject} itself, so no referrers tag is needed
     */
    boolean putManifest(String reference, byte[] bytes, String mediaType, Optional<String> ifMatch) throws IOException;

    /**
     * Returns the referrers index of {@code subject} from the referrers API, or empty when the store has no such API and
     * the referrers tag schema applies.
     */
    Optional<byte[]> referrers(Digest subject) throws IOException;
}
