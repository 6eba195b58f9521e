package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One dependency per Maven scope in {@code sbom-scopes}. The test dependency commons-configuration2 is declared first,
 * so Maven picks commons-lang3 3.20.0 from its path, and the compile path through commons-text still makes that
 * artifact compile-scoped.
 */
class SbomScopesIT {

    private static final BomArtifact CONFIGURATION =
            BomArtifact.jar("org.apache.commons", "commons-configuration2", "2.13.0");
    private static final BomArtifact TEXT = BomArtifact.jar("org.apache.commons", "commons-text", "1.14.0");
    private static final BomArtifact LANG = BomArtifact.jar("org.apache.commons", "commons-lang3", "3.20.0");
    private static final BomArtifact LOGGING = BomArtifact.jar("commons-logging", "commons-logging", "1.3.5");
    private static final BomArtifact SLF4J_SIMPLE = BomArtifact.jar("org.slf4j", "slf4j-simple", "2.0.17");
    private static final BomArtifact SLF4J_API = BomArtifact.jar("org.slf4j", "slf4j-api", "2.0.17");
    private static final BomArtifact SERVLET = BomArtifact.jar("jakarta.servlet", "jakarta.servlet-api", "6.1.0");
    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-scopes@1.0.0?type=jar";

    private static SampleBuild build;
    private static BomJson bom;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-scopes").arguments("package").succeeds();
        bom = BomJson.read(build.directory().resolve("target/bom.json"));
    }

    @Test
    void componentsAreEveryResolvedArtifact() {
        assertThat(bom.purls())
                .containsExactlyInAnyOrder(
                        CONFIGURATION.purl(),
                        TEXT.purl(),
                        LANG.purl(),
                        LOGGING.purl(),
                        SLF4J_SIMPLE.purl(),
                        SLF4J_API.purl(),
                        SERVLET.purl());
    }

    @Test
    void compileAndRuntimeAreRequired() {
        BomChecks.assertComponent(bom, TEXT, "required", "compile");
        BomChecks.assertComponent(bom, SLF4J_SIMPLE, "required", "runtime");
        BomChecks.assertComponent(bom, SLF4J_API, "required", "runtime");
    }

    @Test
    void providedAndTestAreExcluded() {
        BomChecks.assertComponent(bom, SERVLET, "excluded", "provided");
        BomChecks.assertComponent(bom, CONFIGURATION, "excluded", "test");
        BomChecks.assertComponent(bom, LOGGING, "excluded", "test");
    }

    @Test
    void compilePathWinsOverTestPath() {
        BomChecks.assertComponent(bom, LANG, "required", "compile");
    }

    @Test
    void edgesAreTheResolvedGraph() {
        assertThat(bom.rootRef()).isEqualTo(ROOT);
        assertThat(bom.edges())
                .containsExactlyInAnyOrder(
                        edge(ROOT, CONFIGURATION.purl()),
                        edge(ROOT, TEXT.purl()),
                        edge(ROOT, SLF4J_SIMPLE.purl()),
                        edge(ROOT, SERVLET.purl()),
                        // Both parents of commons-lang3 point at the version Maven picked.
                        edge(CONFIGURATION, LANG),
                        edge(CONFIGURATION, TEXT),
                        edge(CONFIGURATION, LOGGING),
                        edge(TEXT, LANG),
                        edge(SLF4J_SIMPLE, SLF4J_API));
        BomChecks.assertGraphClosed(bom);
    }

    @Test
    void outputIsValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory());
    }

    @Test
    void withoutTestAndProvidedLeavesThemOut() {
        SampleBuild lean = SampleBuild.of("sbom-scopes")
                .arguments("package", "-Dprovenance.sbom.includeTestAndProvided=false")
                .succeeds();
        BomJson leanBom = BomJson.read(lean.directory().resolve("target/bom.json"));

        assertThat(leanBom.purls())
                .containsExactlyInAnyOrder(TEXT.purl(), LANG.purl(), SLF4J_SIMPLE.purl(), SLF4J_API.purl());
        assertThat(leanBom.edges())
                .containsExactlyInAnyOrder(
                        edge(ROOT, TEXT.purl()),
                        edge(ROOT, SLF4J_SIMPLE.purl()),
                        edge(TEXT, LANG),
                        edge(SLF4J_SIMPLE, SLF4J_API));
        BomChecks.assertComponent(leanBom, LANG, "required", "compile");
    }
}
