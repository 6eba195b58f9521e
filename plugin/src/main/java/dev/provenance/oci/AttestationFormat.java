package dev.provenance.oci;

/** The two ways an attestation is attached to an image; no verifier reads both. */
public enum AttestationFormat {

    /** cosign's {@code sha256-<hex>.att} image manifest with one DSSE layer per attestation. */
    COSIGN_TAG("cosign .att tag"),

    /** A Sigstore bundle v0.3 pushed as an OCI 1.1 referrer of the image. */
    SIGSTORE_BUNDLE("Sigstore bundle referrer");

    private final String label;

    AttestationFormat(String label) {
        this.label = label;
    }

    /** Returns the name used in messages. */
    public String label() {
        return label;
    }
}
