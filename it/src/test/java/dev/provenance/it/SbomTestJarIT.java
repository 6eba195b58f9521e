package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The main jar and the tests jar of commons-lang3 in {@code sbom-test-jar}: two components, two purls. */
class SbomTestJarIT {

    private static final BomArtifact MAIN = BomArtifact.jar("org.apache.commons", "commons-lang3", "3.18.0");
    private static final BomArtifact TESTS =
            new BomArtifact("org.apache.commons", "commons-lang3", "3.18.0", "tests", "test-jar");
    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-test-jar@1.0.0?type=jar";

    private static SampleBuild build;
    private static BomJson bom;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-test-jar").arguments("package").succeeds();
        bom = BomJson.read(build.directory().resolve("target/bom.json"));
    }

    @Test
    void testJarPurlKeepsItsType() {
        assertThat(TESTS.purl())
                .isEqualTo("pkg:maven/org.apache.commons/commons-lang3@3.18.0?classifier=tests&type=test-jar");
        assertThat(bom.purls()).containsExactlyInAnyOrder(MAIN.purl(), TESTS.purl());
    }

    @Test
    void testJarHashesTheTestsFile() {
        assertThat(TESTS.file().getFileName()).hasToString("commons-lang3-3.18.0-tests.jar");
        BomChecks.assertComponent(bom, TESTS, "excluded", "test");
    }

    @Test
    void mainJarIsRequired() {
        BomChecks.assertComponent(bom, MAIN, "required", "compile");
    }

    @Test
    void rootDependsOnBoth() {
        assertThat(bom.edges()).containsExactlyInAnyOrder(edge(ROOT, MAIN.purl()), edge(ROOT, TESTS.purl()));
        BomChecks.assertGraphClosed(bom);
    }

    @Test
    void outputIsValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory());
    }
}
