package dev.provenance.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a gate's JSON report and the CycloneDX SBOM, ignoring fields it does not know.
 *
 * <p>A report states its result as a boolean {@code passed}, or as a string {@code result}, {@code status} or
 * {@code verificationResult} holding {@code PASSED} or {@code FAILED}. The policy is {@code policy} with {@code uri}
 * (or {@code path}) and {@code digest.sha256} (or {@code sha256}), or a string {@code policyDigest} of the form
 * {@code sha256:<hex>}. Counters are the integer fields of {@code counts} or {@code summary}.
 */
public final class GateReportReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PASSED = Set.of("PASSED", "PASS", "SUCCESS", "OK");
    private static final Set<String> FAILED = Set.of("FAILED", "FAIL", "FAILURE", "ERROR");

    private GateReportReader() {}

    /**
     * Reads the report of {@code gate} at {@code file}; {@code displayPath} is how the predicate names the file.
     *
     * @throws GateReportException when the file is missing, is not JSON, or states no result
     */
    public static GateResult read(Gates gate, Path file, String displayPath) throws GateReportException {
        byte[] bytes = readFile(file, "the " + gate.gateName() + " report", gate.goal());
        JsonNode root = parse(bytes, file);
        boolean passed = result(root, file);
        return new GateResult(gate.gateName(), passed, policy(root), counts(root), sha256(bytes), displayPath);
    }

    /**
     * Reads the CycloneDX JSON SBOM that the {@code sbom} goal writes and returns it as the predicate.
     *
     * @throws GateReportException when the file is missing or is not a CycloneDX JSON document
     */
    public static JsonNode readSbom(Path file) throws GateReportException {
        JsonNode root = parse(readFile(file, "the SBOM", "sbom"), file);
        if (!"CycloneDX".equals(root.path("bomFormat").asText())) {
            throw new GateReportException(file + " is not a CycloneDX JSON SBOM: its 'bomFormat' is '"
                    + root.path("bomFormat").asText() + "', expected 'CycloneDX'; run the sbom goal to write it");
        }
        return root;
    }

    private static byte[] readFile(Path file, String what, String goal) throws GateReportException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new GateReportException(what + " " + file + " does not exist; run the " + goal
                    + " goal before attest, or set the file's parameter to where that goal writes it");
        } catch (IOException e) {
            throw new GateReportException("could not read " + what + " " + file + ": " + e.getMessage());
        }
    }

    private static JsonNode parse(byte[] bytes, Path file) throws GateReportException {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new GateReportException(file + " is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new GateReportException(file + " is not valid JSON: " + e.getMessage());
        }
    }

    private static boolean result(JsonNode root, Path file) throws GateReportException {
        if (root.path("passed").isBoolean()) {
            return root.get("passed").asBoolean();
        }
        for (String field : new String[] {"result", "status", "verificationResult"}) {
            String value = root.path(field).asText("").toUpperCase(Locale.ROOT);
            if (PASSED.contains(value)) {
                return true;
            }
            if (FAILED.contains(value)) {
                return false;
            }
        }
        throw new GateReportException(
                file + " states no result: expected a boolean 'passed' or a 'result' of" + " PASSED or FAILED");
    }

    private static Optional<GateResult.PolicyReference> policy(JsonNode root) {
        JsonNode policy = root.path("policy");
        String uri = policy.path("uri").asText(policy.path("path").asText(""));
        String sha256 = policy.path("digest")
                .path("sha256")
                .asText(policy.path("sha256").asText(""));
        if (sha256.isEmpty() && root.path("policyDigest").asText("").startsWith("sha256:")) {
            sha256 = root.get("policyDigest").asText().substring("sha256:".length());
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return Optional.of(new GateResult.PolicyReference(uri, sha256));
    }

    private static Map<String, Long> counts(JsonNode root) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String container : new String[] {"counts", "summary"}) {
            root.path(container).fields().forEachRemaining(entry -> {
                if (entry.getValue().canConvertToLong() && entry.getValue().isIntegralNumber()) {
                    counts.putIfAbsent(entry.getKey(), entry.getValue().asLong());
                }
            });
        }
        return counts;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
