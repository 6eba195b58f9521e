package dev.provenance.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatementTest {

    private static final Path GOLDEN = Path.of("src/test/resources/attestation");
    private static final Subject SUBJECT =
            new Subject("127.0.0.1:5000/team/app", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void provenanceStatementMatchesGolden() throws Exception {
        BuildRecord build = new BuildRecord(
                "https://ci.example/builders/maven",
                "https://github.com/provenance-maven-plugin/provenance-maven-plugin/buildtypes/maven/v1",
                Map.of("project", "com.example:app:1.0.0", "goals", "verify"),
                Optional.of(new BuildRecord.SourceRevision(
                        "git+https://git.example/team/app.git",
                        "refs/heads/main",
                        "0123456789abcdef0123456789abcdef01234567")),
                List.of(new BuildRecord.ResolvedArtifact(
                        "pkg:maven/org.slf4j/slf4j-api@2.0.16?type=jar",
                        "slf4j-api-2.0.16.jar",
                        "a12578dde1ba00bd9b816d388a0b879928d00bab3c83c240f7013bf4196c579a")),
                Map.of("provenance-maven-plugin", "0.1.0", "maven", "3.9.11"),
                "",
                Instant.parse("2026-12-01T10:00:00.123Z"),
                Instant.parse("2026-12-01T10:02:30Z"));

        Statement statement =
                new Statement(List.of(SUBJECT), PredicateTypes.SLSA_PROVENANCE, ProvenancePredicate.of(build));

        assertThat(pretty(statement.toJson())).isEqualTo(Files.readString(GOLDEN.resolve("provenance.golden.json")));
    }

    @Test
    void verificationSummaryMatchesGolden() throws Exception {
        GateResult result = new GateResult(
                "dependencies",
                true,
                Optional.of(new GateResult.PolicyReference(
                        "dependency-policy.json", "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")),
                Map.of("checked", 12L, "violations", 0L),
                "b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c",
                "target/provenance/dependencies.json");

        var predicate = VerificationSummaryPredicate.of(
                Gates.DEPENDENCIES,
                result,
                SUBJECT.name() + "@" + SUBJECT.digest(),
                "0.1.0",
                Instant.parse("2026-12-01T10:02:30Z"));
        Statement statement = new Statement(List.of(SUBJECT), PredicateTypes.VERIFICATION_SUMMARY, predicate);

        assertThat(pretty(statement.toJson()))
                .isEqualTo(Files.readString(GOLDEN.resolve("vsa-dependencies.golden.json")));
    }

    @Test
    void failedGateHasNoVerifiedLevels() {
        GateResult result = new GateResult(
                "commits",
                false,
                Optional.empty(),
                Map.of("unreviewed", 2L),
                "b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c",
                "c.json");

        var predicate = VerificationSummaryPredicate.of(Gates.COMMITS, result, "r", "0.1.0", Instant.EPOCH);

        assertThat(predicate.get("verificationResult").asText()).isEqualTo("FAILED");
        assertThat(predicate.get("verifiedLevels")).isEmpty();
        assertThat(predicate.has("policy")).isFalse();
    }

    @Test
    void statementKeysAreExactlyTheStatementFields() throws Exception {
        Statement statement = new Statement(List.of(SUBJECT), PredicateTypes.CYCLONEDX, JSON.createObjectNode());

        var root = JSON.readTree(statement.toJson());

        assertThat(root.fieldNames()).toIterable().containsExactly("_type", "subject", "predicateType", "predicate");
        assertThat(root.get("subject").get(0).fieldNames()).toIterable().containsExactly("name", "digest");
    }

    @Test
    void parseKeepsOnlySha256Subjects() {
        String json =
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha512\":\"00\"}},"
                        + "{\"name\":\"b\",\"digest\":{\"sha256\":\"" + SUBJECT.sha256()
                        + "\"}}],\"predicateType\":\"p\",\"predicate\":{}}";

        Statement statement = Statement.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(statement.subjects()).containsExactly(new Subject("b", SUBJECT.sha256()));
    }

    private static String pretty(byte[] json) throws Exception {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json)) + "\n";
    }
}
