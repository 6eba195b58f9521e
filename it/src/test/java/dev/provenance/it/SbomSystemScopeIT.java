package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sbom-system-scope} has a system-scoped jar committed under {@code lib/} beside commons-lang3. */
class SbomSystemScopeIT {

    private static final BomArtifact VENDOR = BomArtifact.jar("com.example.vendor", "vendor-lib", "1.0");
    private static final BomArtifact LANG = BomArtifact.jar("org.apache.commons", "commons-lang3", "3.18.0");
    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-system-scope@1.0.0?type=jar";

    private static SampleBuild build;
    private static BomJson bom;
    private static Path vendorJar;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-system-scope").arguments("package").succeeds();
        bom = BomJson.read(build.directory().resolve("target/bom.json"));
        vendorJar = build.directory().resolve("lib/vendor-lib-1.0.jar");
    }

    @Test
    void componentsAreBothDependencies() {
        assertThat(bom.purls()).containsExactlyInAnyOrder(VENDOR.purl(), LANG.purl());
    }

    @Test
    void systemJarHashesCommittedFile() {
        JsonNode component = bom.component(VENDOR);

        assertThat(BomJson.hashes(component))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "SHA-256", BomChecks.digest(vendorJar, "SHA-256"),
                        "SHA-512", BomChecks.digest(vendorJar, "SHA-512")));
        assertThat(component.path("version").asText()).isEqualTo("1.0");
    }

    @Test
    void systemJarPropertiesNameItsSource() {
        Map<String, String> properties = BomJson.properties(bom.component(VENDOR));

        assertThat(properties).containsEntry("provenance:maven:scope", "system");
        assertThat(properties).containsEntry("provenance:maven:fromRepository", "false");
        // Relative to the project, because the jar is inside it: an absolute path would differ between checkouts.
        assertThat(properties).containsEntry("provenance:maven:systemPath", "lib/vendor-lib-1.0.jar");
    }

    @Test
    void systemJarIsRequired() {
        // A system-scoped jar is on the compile and runtime class paths, as a compile dependency is.
        assertThat(bom.component(VENDOR).path("scope").asText()).isEqualTo("required");
    }

    @Test
    void repositoryJarHasNoSystemProperties() {
        BomChecks.assertComponent(bom, LANG, "required", "compile");
        assertThat(BomJson.properties(bom.component(LANG)))
                .doesNotContainKeys("provenance:maven:systemPath", "provenance:maven:fromRepository");
    }

    @Test
    void rootDependsOnBoth() {
        assertThat(bom.edges()).containsExactlyInAnyOrder(edge(ROOT, VENDOR.purl()), edge(ROOT, LANG.purl()));
        BomChecks.assertGraphClosed(bom);
    }

    @Test
    void outputIsValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory());
    }
}
