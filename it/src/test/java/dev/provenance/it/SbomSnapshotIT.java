package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sbom-snapshot}: the test deploys {@code library} 1.0-SNAPSHOT to a file repository inside the sample, where it
 * gets a timestamped version such as {@code 1.0-20260102.030405-1}, and builds {@code consumer}, which resolves it
 * from there.
 */
class SbomSnapshotIT {

    private static final BomArtifact LIBRARY =
            BomArtifact.jar("dev.provenance.samples", "sbom-snapshot-library", "1.0-SNAPSHOT");

    private static SampleBuild build;
    private static BomJson bom;
    private static Path deployedJar;

    @BeforeAll
    static void deployAndConsume() throws IOException {
        build = SampleBuild.of("sbom-snapshot");
        // A work folder reused from an earlier run may contain older deployments.
        deleteTree(build.directory().resolve("repository"));
        build.arguments("-f", "library/pom.xml", "deploy").succeeds();
        Path deployed =
                build.directory().resolve("repository/dev/provenance/samples/sbom-snapshot-library/1.0-SNAPSHOT");
        try (Stream<Path> files = Files.list(deployed)) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .toList();
            assertThat(jars).as("jars deployed to %s", deployed).hasSize(1);
            deployedJar = jars.get(0);
        }

        // A copy of the whole sample, so the consumer finds the repository beside it. -U because the shared local
        // repository may contain the library from an earlier run.
        build = SampleBuild.ofProject(build.directory())
                .arguments("-f", "consumer/pom.xml", "-U", "package")
                .succeeds();
        bom = BomJson.read(build.directory().resolve("consumer/target/bom.json"));
    }

    @Test
    void deployedVersionIsTimestamped() {
        assertThat(deployedJar.getFileName().toString())
                .matches("sbom-snapshot-library-1\\.0-\\d{8}\\.\\d{6}-\\d+\\.jar");
    }

    @Test
    void purlCarriesBaseVersion() {
        assertThat(bom.purls()).containsExactly(LIBRARY.purl());
    }

    @Test
    void versionIsBaseVersion() {
        JsonNode component = bom.component(LIBRARY);

        assertThat(component.path("version").asText()).isEqualTo("1.0-SNAPSHOT");
    }

    @Test
    void hashesMatchDeployedJar() {
        BomChecks.assertComponent(bom, LIBRARY, deployedJar, "required", "compile");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
