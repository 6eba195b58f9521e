package dev.provenance.attestation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.TreeMap;

/**
 * Builds an SLSA Verification Summary Attestation v1 predicate
 * (https://slsa.dev/spec/v1.0/verification_summary) for one gate.
 *
 * <p>Admission policies test {@code verificationResult} ({@code PASSED} or {@code FAILED}) and {@code verifier.id},
 * which names the gate. The gate's name, counters and report use SLSA extension fields, named
 * {@code provenance_<field>} after the SLSA convention {@code <vendor>_<field>}.
 */
public final class VerificationSummaryPredicate {

    /** The extension field holding the gate's short name. */
    public static final String GATE_FIELD = "provenance_gate";

    private static final ObjectMapper JSON = new ObjectMapper();

    private VerificationSummaryPredicate() {}

    /**
     * Returns the predicate for {@code result}.
     *
     * @param gate the gate that produced the result
     * @param result the gate's report
     * @param resourceUri the image the summary is about, {@code <repository>@sha256:<hex>}
     * @param verifierVersion the version of this plugin
     * @param timeVerified when the gate ran, or when its report was read
     */
    public static ObjectNode of(
            Gates gate, GateResult result, String resourceUri, String verifierVersion, Instant timeVerified) {
        ObjectNode predicate = JSON.createObjectNode();
        ObjectNode verifier = predicate.putObject("verifier");
        verifier.put("id", gate.verifierId());
        verifier.putObject("version").put("provenance-maven-plugin", verifierVersion);
        predicate.put("timeVerified", ProvenancePredicate.timestamp(timeVerified));
        predicate.put("resourceUri", resourceUri);
        result.policy().ifPresent(policy -> {
            ObjectNode node = predicate.putObject("policy");
            node.put("uri", policy.uri());
            node.putObject("digest").put("sha256", policy.sha256());
        });
        predicate.putArray("inputAttestations");
        predicate.put("verificationResult", result.passed() ? "PASSED" : "FAILED");
        var levels = predicate.putArray("verifiedLevels");
        if (result.passed()) {
            levels.add("PROVENANCE_" + gate.name() + "_GATE_PASSED");
        }
        predicate.put(GATE_FIELD, gate.gateName());
        ObjectNode counts = predicate.putObject("provenance_counts");
        new TreeMap<>(result.counts()).forEach(counts::put);
        ObjectNode report = predicate.putObject("provenance_report");
        report.put("uri", result.reportPath());
        report.putObject("digest").put("sha256", result.reportSha256());
        return predicate;
    }
}
