package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sbom-reactor-test-jar}: app depends on core and, in test scope, on the tests jar that core builds in the same
 * {@code mvn package}, so both files come from {@code core/target}.
 */
class SbomReactorTestJarIT {

    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-reactor-test-jar@1.0.0?type=pom";
    private static final BomArtifact CORE = BomArtifact.jar("dev.provenance.samples", "core", "1.0.0");
    private static final BomArtifact CORE_TESTS =
            new BomArtifact("dev.provenance.samples", "core", "1.0.0", "tests", "test-jar");
    private static final BomArtifact APP = BomArtifact.jar("dev.provenance.samples", "app", "1.0.0");

    private static SampleBuild build;
    private static BomJson appBom;
    private static BomJson aggregate;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-reactor-test-jar").arguments("package").succeeds();
        appBom = BomJson.read(build.directory().resolve("app/target/bom.json"));
        aggregate = BomJson.read(build.directory().resolve("target/bom-aggregate.json"));
    }

    @Test
    void appListsBothCoreJars() {
        assertThat(appBom.purls()).containsExactlyInAnyOrder(CORE.purl(), CORE_TESTS.purl());
        assertThat(appBom.edges()).containsExactlyInAnyOrder(edge(APP, CORE), edge(APP, CORE_TESTS));
    }

    @Test
    void testsJarHashesBuiltFile() {
        Path testsJar = build.directory().resolve("core/target/core-1.0.0-tests.jar");

        BomChecks.assertComponent(appBom, CORE_TESTS, testsJar, "excluded", "test");
        assertThat(BomJson.properties(appBom.component(CORE_TESTS)))
                .containsEntry("provenance:maven:reactorModule", "true");
    }

    @Test
    void mainJarHashesBuiltFile() {
        Path jar = build.directory().resolve("core/target/core-1.0.0.jar");

        BomChecks.assertComponent(appBom, CORE, jar, "required", "compile");
    }

    @Test
    void aggregateKeepsTestsJar() {
        assertThat(aggregate.purls()).containsExactlyInAnyOrder(APP.purl(), CORE.purl(), CORE_TESTS.purl());
        assertThat(aggregate.edges())
                .containsExactlyInAnyOrder(
                        edge(ROOT, APP.purl()), edge(ROOT, CORE.purl()), edge(APP, CORE), edge(APP, CORE_TESTS));
        assertThat(aggregate.component(CORE_TESTS).path("scope").asText()).isEqualTo("excluded");
    }

    @Test
    void outputsAreValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory().resolve("app"));
        BomChecks.assertValid(build.directory().resolve("core"));
    }
}
