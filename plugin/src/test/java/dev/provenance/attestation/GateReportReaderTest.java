package dev.provenance.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateReportReaderTest {

    @TempDir
    Path temp;

    @Test
    void readsBooleanResultPolicyAndCounts() throws Exception {
        Path report = Files.writeString(temp.resolve("d.json"), """
                {"passed": true, "extra": {"ignored": [1, 2]},
                 "policy": {"path": "policy.json", "digest": {"sha256": "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"}},
                 "summary": {"checked": 12, "violations": 0, "note": "text is ignored"}}
                """);

        GateResult result = GateReportReader.read(Gates.DEPENDENCIES, report, "d.json");

        assertThat(result.passed()).isTrue();
        assertThat(result.policy())
                .contains(new GateResult.PolicyReference(
                        "policy.json", "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"));
        assertThat(result.counts()).isEqualTo(Map.of("checked", 12L, "violations", 0L));
        assertThat(result.reportSha256()).isEqualTo(GateReportReader.sha256(Files.readAllBytes(report)));
    }

    @Test
    void readsStringResultAndPolicyDigest() throws Exception {
        Path report = Files.writeString(temp.resolve("c.json"), """
                {"result": "FAILED", "policyDigest": "sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03",
                 "counts": {"aiAssisted": 3, "unreviewed": 1}}
                """);

        GateResult result = GateReportReader.read(Gates.COMMITS, report, "c.json");

        assertThat(result.passed()).isFalse();
        assertThat(result.policy().orElseThrow().sha256())
                .isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
        assertThat(result.counts()).containsEntry("unreviewed", 1L);
    }

    @Test
    void reportWithoutResultRejected() throws Exception {
        Path report = Files.writeString(temp.resolve("c.json"), "{\"counts\": {}}");

        assertThatThrownBy(() -> GateReportReader.read(Gates.COMMITS, report, "c.json"))
                .isInstanceOf(GateReportException.class)
                .hasMessage(
                        report + " states no result: expected a boolean 'passed' or a 'result' of PASSED or FAILED");
    }

    @Test
    void missingReportNamesGoal() {
        Path report = temp.resolve("commits.json");

        assertThatThrownBy(() -> GateReportReader.read(Gates.COMMITS, report, "commits.json"))
                .isInstanceOf(GateReportException.class)
                .hasMessage("the commits report " + report + " does not exist; run the check-commits goal before"
                        + " attest, or set the file's parameter to where that goal writes it");
    }

    @Test
    void missingSbomNamesGoal() {
        Path bom = temp.resolve("bom.json");

        assertThatThrownBy(() -> GateReportReader.readSbom(bom))
                .isInstanceOf(GateReportException.class)
                .hasMessageStartingWith("the SBOM " + bom + " does not exist; run the sbom goal before attest");
    }

    @Test
    void sbomMustBeCycloneDx() throws Exception {
        Path bom = Files.writeString(temp.resolve("bom.json"), "{\"spdxVersion\": \"SPDX-2.3\"}");

        assertThatThrownBy(() -> GateReportReader.readSbom(bom))
                .isInstanceOf(GateReportException.class)
                .hasMessageContaining("is not a CycloneDX JSON SBOM");
    }
}
