package dev.provenance.attestation;

import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one build gate, read from the report the gate's goal wrote.
 *
 * @param gate the gate's short name, {@code dependencies} or {@code commits}
 * @param passed whether the gate passed
 * @param policy the policy the gate applied, when the report names it
 * @param counts the report's counters, for example checked and violating dependencies
 * @param reportSha256 the SHA-256 of the report file
 * @param reportPath the report file, relative to the project
 */
public record GateResult(
        String gate,
        boolean passed,
        Optional<PolicyReference> policy,
        Map<String, Long> counts,
        String reportSha256,
        String reportPath) {

    /**
     * A policy file and its digest.
     *
     * @param uri where the policy is, may be a path relative to the project
     * @param sha256 the SHA-256 of the policy, lowercase hex
     */
    public record PolicyReference(String uri, String sha256) {}

    public GateResult {
        counts = Map.copyOf(counts);
    }
}
