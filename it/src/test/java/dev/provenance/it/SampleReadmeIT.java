package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's main job: {@code ./mvnw -B -f sample/pom.xml verify} on the bundled sample, which runs every goal of
 * the plugin in one build, from the dependency and commit checks to the verified attestation.
 */
class SampleReadmeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readmeJobEndsWithVerifiedAttestation() throws Exception {
        SampleBuild build = SampleBuild.ofProject(SampleBuild.repositoryRoot().resolve("sample"))
                .environment("PROVENANCE_KEY_PASSWORD", "sample-password")
                .arguments("verify")
                .succeeds();
        Path target = build.directory().resolve("target");

        JsonNode dependencies = JSON.readTree(
                target.resolve("provenance/check-dependencies.json").toFile());
        assertThat(dependencies.get("result").asText()).isEqualTo("PASSED");
        assertThat(dependencies.get("violations").asInt()).isZero();
        assertThat(dependencies.get("artifacts").asInt()).isGreaterThan(800);

        JsonNode commits =
                JSON.readTree(target.resolve("provenance/commits.json").toFile());
        assertThat(commits.get("result").asText()).isEqualTo("PASSED");
        assertThat(commits.get("commitsScanned").asInt()).isPositive();

        JsonNode bom = JSON.readTree(target.resolve("bom.json").toFile());
        assertThat(bom.get("components").size()).isGreaterThanOrEqualTo(75);
        assertThat(target.resolve("bom.xml")).isRegularFile();

        for (String attestation : new String[] {"provenance", "sbom", "gate-dependencies", "gate-commits"}) {
            assertThat(target.resolve("provenance/attestations/" + attestation + ".dsse.json"))
                    .isRegularFile();
        }
        assertThat(build.log())
                .containsPattern("\\[INFO\\] verify-image passed: 8 attestations of "
                        + "registry.example/samples/bookshelf:1.0.0@sha256:[0-9a-f]{64} verified");
    }
}
