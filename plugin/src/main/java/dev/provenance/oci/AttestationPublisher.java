package dev.provenance.oci;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Attaches signed attestations to an image in both formats: cosign's {@code sha256-<hex>.att} tag and Sigstore bundle
 * referrers, maintaining the referrers tag where the store has no referrers API.
 *
 * <p>Tags are updated by read, modify, write, then a check after a short pause, repeated until the check finds every
 * new entry. Distribution registries have no compare-and-swap for tags, so two writers that read the same tag can
 * overwrite each other. The check finds such a loss, and the next attempt merges again.
 */
public final class AttestationPublisher {

    private final OciStore store;
    private final Clock clock;
    private final Duration settle;
    private final int maxAttempts;
    private final Consumer<String> log;

    /**
     * @param settle the pause between writing a tag and checking it; zero for a store with local locking
     * @param maxAttempts how often a tag update is tried before failing
     * @param log receives one line per tag written, for debug output
     */
    public AttestationPublisher(OciStore store, Clock clock, Duration settle, int maxAttempts, Consumer<String> log) {
        this.store = store;
        this.clock = clock;
        this.settle = settle;
        this.maxAttempts = maxAttempts;
        this.log = log;
    }

    /**
     * Attaches {@code attestations} to {@code subject} in both formats.
     *
     * @return the tags and digests written, for the build log
     */
    public List<String> publish(Descriptor subject, List<SignedAttestation> attestations)
            throws IOException, InterruptedException {
        List<String> written = new ArrayList<>();
        written.add(publishCosignTag(subject.digest(), attestations));
        written.addAll(publishBundles(subject, attestations));
        return written;
    }

    /** Appends one DSSE layer per attestation to the {@code .att} manifest, keeping the layers already there. */
    private String publishCosignTag(Digest subject, List<SignedAttestation> attestations)
            throws IOException, InterruptedException {
        List<Descriptor> ours = new ArrayList<>();
        for (SignedAttestation attestation : attestations) {
            byte[] envelope = attestation.envelope().toJson();
            store.putBlob(envelope);
            ours.add(AttestationManifests.cosignLayer(envelope, attestation.predicateType()));
        }
        String tag = subject.tagForm() + ".att";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Optional<Manifest> current = store.manifest(tag);
            List<Descriptor> layers =
                    current.map(m -> AttestationManifests.layers(m.json())).orElse(List.of());
            List<Descriptor> missing = missing(layers, ours);
            if (missing.isEmpty()) {
                return tag;
            }

            // Keep the existing layers: other builds' attestations of the same image stay attached.
            List<Descriptor> merged = new ArrayList<>(layers);
            merged.addAll(missing);
            byte[] config = AttestationManifests.cosignConfig(merged);
            store.putBlob(config);
            byte[] manifest = AttestationManifests.cosignManifest(config, merged);
            store.putManifest(tag, manifest, MediaTypes.OCI_MANIFEST, current.flatMap(Manifest::etag));
            log.accept("wrote " + tag + " with " + merged.size() + " layers (attempt " + attempt + ")");
            pause(attempt);
        }
        throw new IOException("could not attach the attestations to " + store.describe() + ":" + tag + " after "
                + maxAttempts + " attempts: other builds kept replacing the tag; retry the build");
    }

    /** Pushes one referrer manifest per attestation and, without a referrers API, adds it to the referrers tag. */
    private List<String> publishBundles(Descriptor subject, List<SignedAttestation> attestations)
            throws IOException, InterruptedException {
        List<Descriptor> referrers = new ArrayList<>();
        boolean indexedByStore = true;
        for (SignedAttestation attestation : attestations) {
            byte[] bundle = SigstoreBundle.toJson(attestation.envelope(), attestation.publicKeyHint());
            store.putBlob(MediaTypes.EMPTY_JSON);
            store.putBlob(bundle);
            var created = clock.instant();
            byte[] manifest = AttestationManifests.bundleManifest(
                    Descriptor.of(MediaTypes.SIGSTORE_BUNDLE, bundle), subject, attestation.predicateType(), created);
            Digest digest = Digest.of(manifest);
            indexedByStore &= store.putManifest(digest.toString(), manifest, MediaTypes.OCI_MANIFEST, Optional.empty());
            referrers.add(new Descriptor(
                    MediaTypes.OCI_MANIFEST,
                    digest,
                    manifest.length,
                    Optional.of(MediaTypes.SIGSTORE_BUNDLE),
                    AttestationManifests.bundleAnnotations(attestation.predicateType(), created)));
        }
        List<String> written =
                referrers.stream().map(d -> d.digest().toString()).collect(Collectors.toList());

        // A registry that returns OCI-Subject on the push, or that serves the referrers API, indexes the subject
        // itself. Otherwise the client maintains the referrers tag (distribution-spec v1.1.1, "Pushing Manifests with
        // Subject").
        if (!indexedByStore && store.referrers(subject.digest()).isEmpty()) {
            written.add(updateReferrersTag(subject.digest(), referrers));
        }
        return written;
    }

    private String updateReferrersTag(Digest subject, List<Descriptor> ours) throws IOException, InterruptedException {
        String tag = subject.tagForm();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Optional<Manifest> current = store.manifest(tag);
            List<Descriptor> entries = current.isPresent()
                    ? AttestationManifests.indexEntries(current.get().json(), store.describe() + ":" + tag)
                    : List.of();
            List<Descriptor> missing = missing(entries, ours);
            if (missing.isEmpty()) {
                return tag;
            }
            List<Descriptor> merged = new ArrayList<>(entries);
            merged.addAll(missing);
            store.putManifest(
                    tag, AttestationManifests.index(merged), MediaTypes.OCI_INDEX, current.flatMap(Manifest::etag));
            log.accept("wrote referrers tag " + tag + " with " + merged.size() + " entries (attempt " + attempt + ")");
            pause(attempt);
        }
        throw new IOException("could not update the referrers tag " + store.describe() + ":" + tag + " after "
                + maxAttempts + " attempts: other builds kept replacing it; retry the build");
    }

    private static List<Descriptor> missing(List<Descriptor> present, List<Descriptor> ours) {
        Set<Digest> digests = present.stream().map(Descriptor::digest).collect(Collectors.toSet());
        return ours.stream().filter(d -> !digests.contains(d.digest())).toList();
    }

    /** Waits before the check, longer on each attempt and with jitter so two writers fall out of step. */
    private void pause(int attempt) throws InterruptedException {
        if (settle.isZero()) {
            return;
        }
        long base = settle.toMillis() * attempt;
        Thread.sleep(base + ThreadLocalRandom.current().nextLong(base + 1));
    }
}
