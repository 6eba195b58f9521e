package dev.provenance.attestation;

/** The predicate type URIs this plugin writes; verifiers compare them byte for byte. */
public final class PredicateTypes {

    /** SLSA Provenance v1; minor versions keep this URI. */
    public static final String SLSA_PROVENANCE = "https://slsa.dev/provenance/v1";

    /** CycloneDX, unversioned: the URI cosign's {@code --type cyclonedx} matches. The BOM carries its version. */
    public static final String CYCLONEDX = "https://cyclonedx.org/bom";

    /** SLSA Verification Summary Attestation v1, one per gate. */
    public static final String VERIFICATION_SUMMARY = "https://slsa.dev/verification_summary/v1";

    private PredicateTypes() {}
}
