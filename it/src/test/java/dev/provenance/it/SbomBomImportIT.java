package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sbom-bom-import} declares jackson-databind without a version and imports jackson-bom 2.21.1, which manages
 * jackson-annotations at 2.21 and the other modules at 2.21.1.
 */
class SbomBomImportIT {

    private static final String JACKSON = "com.fasterxml.jackson.core";
    private static final BomArtifact DATABIND = BomArtifact.jar(JACKSON, "jackson-databind", "2.21.1");
    private static final BomArtifact CORE = BomArtifact.jar(JACKSON, "jackson-core", "2.21.1");
    private static final BomArtifact ANNOTATIONS = BomArtifact.jar(JACKSON, "jackson-annotations", "2.21");
    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-bom-import@1.0.0?type=jar";

    private static SampleBuild build;
    private static BomJson bom;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-bom-import").arguments("package").succeeds();
        bom = BomJson.read(build.directory().resolve("target/bom.json"));
    }

    @Test
    void versionsComeFromImportedBom() {
        assertThat(bom.purls()).containsExactlyInAnyOrder(DATABIND.purl(), CORE.purl(), ANNOTATIONS.purl());
    }

    @Test
    void importedBomIsNoComponent() {
        assertThat(bom.purls()).noneMatch(purl -> purl.contains("/jackson-bom@"));
        assertThat(bom.purls()).noneMatch(purl -> purl.contains("type=pom"));
    }

    @Test
    void componentsHashResolvedFiles() {
        for (BomArtifact artifact : List.of(DATABIND, CORE, ANNOTATIONS)) {
            BomChecks.assertComponent(bom, artifact, "required", "compile");
        }
    }

    @Test
    void edgesAreTheResolvedGraph() {
        assertThat(bom.edges())
                .containsExactlyInAnyOrder(
                        edge(ROOT, DATABIND.purl()), edge(DATABIND, ANNOTATIONS), edge(DATABIND, CORE));
        BomChecks.assertGraphClosed(bom);
    }

    @Test
    void outputIsValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory());
    }
}
