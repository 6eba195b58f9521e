package dev.provenance.policy;

import dev.provenance.openpgp.SignatureCheck;
import java.util.List;

/**
 * The outcome of checking one artifact against the policy.
 *
 * @param artifact the artifact checked
 * @param sha256 the SHA-256 of the artifact file, in hex
 * @param signatures the check of each signature in its {@code .asc}; empty when it has none or it is malformed
 * @param violations the rules it breaks; empty when it passes
 * @param suggestion the policy line that would accept the artifact, or null where accepting it is not the fix
 * @param cached whether the signature checks came from the cache instead of cryptography
 * @param notices advice on the policy that does not fail the build, such as an exemption that is no longer needed
 */
public record ArtifactResult(
        ResolvedArtifact artifact,
        String sha256,
        List<SignatureCheck> signatures,
        List<Violation> violations,
        String suggestion,
        boolean cached,
        List<String> notices) {

    public ArtifactResult {
        signatures = List.copyOf(signatures);
        violations = List.copyOf(violations);
        notices = List.copyOf(notices);
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}
