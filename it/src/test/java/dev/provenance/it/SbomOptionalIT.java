package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sbom-optional} declares commons-codec as optional, and depends on commons-logging 1.3.5, whose POM declares
 * log4j-api, slf4j-api and others as optional, so Maven resolves none of those.
 */
class SbomOptionalIT {

    private static final BomArtifact CODEC = BomArtifact.jar("commons-codec", "commons-codec", "1.19.0");
    private static final BomArtifact LOGGING = BomArtifact.jar("commons-logging", "commons-logging", "1.3.5");
    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-optional@1.0.0?type=jar";

    private static SampleBuild build;
    private static BomJson bom;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-optional").arguments("package").succeeds();
        bom = BomJson.read(build.directory().resolve("target/bom.json"));
    }

    @Test
    void optionalDirectIsOptional() {
        BomChecks.assertComponent(bom, CODEC, "optional", "compile");
    }

    @Test
    void mandatoryDirectIsRequired() {
        BomChecks.assertComponent(bom, LOGGING, "required", "compile");
    }

    @Test
    void transitiveOptionalsStayOut() throws Exception {
        assertThat(Files.readString(LOGGING.pom())).contains("<optional>true</optional>");
        assertThat(bom.purls()).containsExactlyInAnyOrder(CODEC.purl(), LOGGING.purl());
    }

    @Test
    void edgesAreTheResolvedGraph() {
        assertThat(bom.edges()).containsExactlyInAnyOrder(edge(ROOT, CODEC.purl()), edge(ROOT, LOGGING.purl()));
        BomChecks.assertGraphClosed(bom);
    }

    @Test
    void outputIsValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory());
    }
}
