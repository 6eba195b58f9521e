package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The README's example for attest and verify-image, with its exact command line. The gate reports and the SBOM, which
 * other goals write, are copied into {@code target} first.
 */
class AttestReadmeIT {

    @Test
    void readmeCommandEndsVerified() throws Exception {
        SampleBuild build = SampleBuild.of("attest-readme");

        // The build keeps target, so a copy left by an earlier run must not contribute attestations.
        deleteTree(build.directory().resolve("target"));
        Path reports = build.directory()
                .resolve("../../../src/it/attest-image/reports")
                .normalize();
        Path target = Files.createDirectories(build.directory().resolve("target/provenance"));
        Files.copy(reports.resolve("bom.json"), target.resolve("../bom.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(reports.resolve("dependencies.json"), target.resolve("check-dependencies.json"));
        Files.copy(reports.resolve("commits.json"), target.resolve("commits.json"));

        build.keepTarget()
                .environment("PROVENANCE_KEY_PASSWORD", "cosign-password")
                .arguments(
                        "package",
                        "jib:buildTar",
                        "provenance:attest",
                        "provenance:verify-image",
                        "-Djib.to.image=registry.example/team/app:1.0",
                        "-Djib.from.image=scratch",
                        "-Djib.container.format=OCI",
                        "-Dprovenance.attest.keyFile=cosign.key",
                        "-Dprovenance.verify.publicKeys=cosign.pub",
                        "-Dprovenance.verify.layout=target/provenance/oci")
                .succeeds();

        assertThat(build.log())
                .containsPattern(
                        "\\[INFO\\] Attached 4 attestations to registry.example/team/app:1.0@sha256:[0-9a-f]{64} in oci:");
        assertThat(build.log())
                .containsPattern(
                        "\\[INFO\\] verify-image passed: 8 attestations of registry.example/team/app:1.0@sha256:[0-9a-f]{64}"
                                + " verified");
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
