package dev.provenance.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenance.io.AtomicFiles;
import dev.provenance.openpgp.SignatureCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON report of one dependency check, for later build steps: every artifact checked, its SHA-256, its signature
 * checks, its violations and the policy line that would accept it.
 */
public final class CheckReport {

    /** The version of the report's layout; it changes when a field changes meaning or goes away. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckReport() {}

    /** Returns one line per violation: coordinates, reason, detail, dependency path and the accepting policy line. */
    public static List<String> violationLines(List<ArtifactResult> results) {
        return results.stream()
                .flatMap(result -> result.violations().stream().map(violation -> line(result, violation)))
                .toList();
    }

    /** Returns one line per notice: coordinates and the advice on the policy. */
    public static List<String> noticeLines(List<ArtifactResult> results) {
        return results.stream()
                .flatMap(result -> result.notices().stream()
                        .map(notice -> result.artifact().coordinates() + ": " + notice))
                .toList();
    }

    /** Returns the number of violations over all results. */
    public static int violationCount(List<ArtifactResult> results) {
        return results.stream().mapToInt(r -> r.violations().size()).sum();
    }

    private static String line(ArtifactResult result, Violation violation) {
        StringBuilder line = new StringBuilder()
                .append(result.artifact().coordinates())
                .append(": ")
                .append(violation.reason().text())
                .append(" (")
                .append(violation.detail())
                .append("); path: ")
                .append(result.artifact().pathText());
        if (result.suggestion() != null) {
            line.append("; to accept it, add: ").append(result.suggestion());
        }
        return line.toString();
    }

    /**
     * Writes the report to a temporary file beside {@code file}, then moves it into place, so that a reader never sees
     * half a report.
     */
    public static void write(Path file, String project, Policy policy, List<ArtifactResult> results)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("project", project);
        int violations = violationCount(results);

        // The gate summary that attest turns into a verification summary attestation.
        root.put("result", violations == 0 ? "PASSED" : "FAILED");
        ObjectNode policyNode = root.putObject("policy");
        policyNode.put("uri", policy.file().toString());
        policyNode.putObject("digest").put("sha256", policy.digest());
        ObjectNode counts = root.putObject("counts");
        counts.put("artifacts", results.size());
        counts.put("violations", violations);

        root.put("artifacts", results.size());
        root.put("violations", violations);
        ArrayNode items = root.putArray("results");
        for (ArtifactResult result : results) {
            items.add(node(result));
        }

        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }

    private static ObjectNode node(ArtifactResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("coordinates", result.artifact().coordinates().toString());
        node.put("path", result.artifact().pathText());
        node.put("sha256", result.sha256());
        node.put("passed", result.passed());
        ArrayNode signatures = node.putArray("signatures");
        for (SignatureCheck check : result.signatures()) {
            ObjectNode signature = signatures.addObject();
            signature.put("status", check.status().name());
            signature.put("issuer", check.issuer());
            signature.put(
                    "primaryKey",
                    check.primaryKey() == null ? null : check.primaryKey().hex());
            signature.put("hashAlgorithm", check.hashAlgorithm());
            signature.put("created", check.created().toString());
            if (check.expires() != null) {
                signature.put("expires", check.expires().toString());
            }
        }
        ArrayNode violations = node.putArray("violations");
        for (Violation violation : result.violations()) {
            ObjectNode item = violations.addObject();
            item.put("reason", violation.reason().text());
            item.put("detail", violation.detail());
        }
        if (result.suggestion() != null) {
            node.put("suggestion", result.suggestion());
        }
        if (!result.notices().isEmpty()) {
            ArrayNode notices = node.putArray("notices");
            result.notices().forEach(notices::add);
        }
        return node;
    }
}
