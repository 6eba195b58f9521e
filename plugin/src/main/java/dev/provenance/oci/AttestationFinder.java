package dev.provenance.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenance.dsse.MalformedEnvelopeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the attestations attached to an image in both formats, the way cosign, Kyverno and policy-controller look for
 * them: the layers of the {@code sha256-<hex>.att} manifest, and the Sigstore bundle referrers listed by the referrers
 * API or, without one, by the referrers tag.
 */
public final class AttestationFinder {

    private final OciStore store;

    public AttestationFinder(OciStore store) {
        this.store = store;
    }

    /** Returns every attestation attached to {@code subject}; unreadable ones carry a problem instead of bytes. */
    public List<FoundAttestation> find(Digest subject) throws IOException {
        List<FoundAttestation> found = new ArrayList<>(cosignTag(subject));
        found.addAll(bundles(subject));
        return found;
    }

    private List<FoundAttestation> cosignTag(Digest subject) throws IOException {
        String tag = subject.tagForm() + ".att";
        Optional<Manifest> manifest = store.manifest(tag);
        if (manifest.isEmpty()) {
            return List.of();
        }
        List<FoundAttestation> found = new ArrayList<>();
        List<Descriptor> layers = AttestationManifests.layers(manifest.get().json());
        for (int i = 0; i < layers.size(); i++) {
            Descriptor layer = layers.get(i);
            if (!MediaTypes.DSSE_ENVELOPE.equals(layer.mediaType())) {
                continue;
            }
            String location = tag + " layer " + i + " (" + layer.digest() + ")";
            String predicateType = layer.annotations().getOrDefault(MediaTypes.ANNOTATION_PREDICATE_TYPE, "");
            found.add(new FoundAttestation(
                    AttestationFormat.COSIGN_TAG,
                    location,
                    predicateType,
                    store.blob(layer.digest()),
                    Optional.empty()));
        }
        return found;
    }

    private List<FoundAttestation> bundles(Digest subject) throws IOException {
        List<FoundAttestation> found = new ArrayList<>();
        for (Descriptor entry : referrers(subject)) {
            if (!entry.artifactType().orElse("").startsWith("application/vnd.dev.sigstore.bundle")) {
                continue;
            }
            found.add(bundle(subject, entry));
        }
        return found;
    }

    /** Lists referrers from the API, or from the referrers tag when the store has no API. */
    private List<Descriptor> referrers(Digest subject) throws IOException {
        Optional<byte[]> api = store.referrers(subject);
        if (api.isPresent()) {
            return AttestationManifests.indexEntries(Manifest.json(api.get()), "the referrers of " + subject);
        }
        Optional<Manifest> tag = store.manifest(subject.tagForm());
        if (tag.isEmpty()) {
            return List.of();
        }

        // A referrers tag that is not an index means there are no referrers (distribution-spec v1.1.1).
        try {
            return AttestationManifests.indexEntries(tag.get().json(), subject.tagForm());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private FoundAttestation bundle(Digest subject, Descriptor entry) throws IOException {
        String location = "manifest " + entry.digest();
        String predicateType = entry.annotations().getOrDefault(MediaTypes.ANNOTATION_BUNDLE_PREDICATE_TYPE, "");
        Optional<Manifest> manifest = store.manifest(entry.digest().toString());
        if (manifest.isEmpty()) {
            return problem(location, predicateType, "the referrer manifest is listed but does not exist");
        }
        JsonNode json = manifest.get().json();
        String subjectDigest = json.path("subject").path("digest").asText("");
        if (!subjectDigest.equals(subject.toString())) {
            return problem(location, predicateType, "its subject is " + subjectDigest + ", not the image " + subject);
        }
        List<Descriptor> layers = AttestationManifests.layers(json);
        if (layers.size() != 1 || !layers.get(0).mediaType().startsWith("application/vnd.dev.sigstore.bundle")) {
            return problem(location, predicateType, "a bundle referrer must have exactly one bundle layer");
        }
        try {
            byte[] envelope =
                    SigstoreBundle.envelope(store.blob(layers.get(0).digest())).toJson();
            return new FoundAttestation(
                    AttestationFormat.SIGSTORE_BUNDLE, location, predicateType, envelope, Optional.empty());
        } catch (MalformedEnvelopeException e) {
            return problem(location, predicateType, e.getMessage());
        }
    }

    private static FoundAttestation problem(String location, String predicateType, String problem) {
        return new FoundAttestation(
                AttestationFormat.SIGSTORE_BUNDLE,
                location,
                predicateType,
                "".getBytes(StandardCharsets.UTF_8),
                Optional.of(problem));
    }
}
