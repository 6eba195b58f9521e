package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sbom-version-range} requests commons-io {@code [2.15.0,2.16.0)}. Central has 2.15.0 and 2.15.1 in that range,
 * so Maven resolves 2.15.1, and the SBOM records that version, not the range.
 */
class SbomVersionRangeIT {

    private static final BomArtifact COMMONS_IO = BomArtifact.jar("commons-io", "commons-io", "2.15.1");
    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-version-range@1.0.0?type=jar";

    private static SampleBuild build;
    private static BomJson bom;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-version-range").arguments("package").succeeds();
        bom = BomJson.read(build.directory().resolve("target/bom.json"));
    }

    @Test
    void resolvedVersionIsRecorded() {
        assertThat(bom.purls()).containsExactly(COMMONS_IO.purl());
        BomChecks.assertComponent(bom, COMMONS_IO, "required", "compile");
    }

    @Test
    void rangeAppearsNowhere() throws Exception {
        String json = Files.readString(bom.file());
        assertThat(json).doesNotContain("[2.15.0,2.16.0)");
    }

    @Test
    void edgeUsesResolvedVersion() {
        assertThat(bom.edges()).containsExactly(edge(ROOT, COMMONS_IO.purl()));
    }

    @Test
    void outputIsValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory());
    }
}
