package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sbom-exclusion} excludes {@code *:*} below guava, which drops every dependency guava declares, and
 * {@code commons-logging:*} below commons-beanutils, which keeps commons-collections.
 */
class SbomExclusionIT {

    private static final BomArtifact GUAVA = BomArtifact.jar("com.google.guava", "guava", "33.5.0-jre");
    private static final BomArtifact BEANUTILS = BomArtifact.jar("commons-beanutils", "commons-beanutils", "1.11.0");
    private static final BomArtifact COLLECTIONS =
            BomArtifact.jar("commons-collections", "commons-collections", "3.2.2");
    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-exclusion@1.0.0?type=jar";

    private static SampleBuild build;
    private static BomJson bom;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-exclusion").arguments("package").succeeds();
        bom = BomJson.read(build.directory().resolve("target/bom.json"));
    }

    @Test
    void excludedArtifactsAreNoComponents() {
        assertThat(bom.purls()).containsExactlyInAnyOrder(GUAVA.purl(), BEANUTILS.purl(), COLLECTIONS.purl());
    }

    @Test
    void keptArtifactsAreComplete() {
        BomChecks.assertComponent(bom, GUAVA, "required", "compile");
        BomChecks.assertComponent(bom, BEANUTILS, "required", "compile");
        BomChecks.assertComponent(bom, COLLECTIONS, "required", "compile");
    }

    @Test
    void excludedEdgesAreGone() {
        assertThat(bom.edges())
                .containsExactlyInAnyOrder(
                        edge(ROOT, GUAVA.purl()), edge(ROOT, BEANUTILS.purl()), edge(BEANUTILS, COLLECTIONS));
        BomChecks.assertGraphClosed(bom);
    }

    @Test
    void outputIsValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory());
    }
}
