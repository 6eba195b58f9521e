package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sbom-relocation} depends on two coordinates whose POMs carry a {@code <relocation>}: org.apache.commons:
 * commons-io:1.3.2 moved to the groupId commons-io, and junit:junit-dep:4.11 moved to the artifactId junit.
 */
class SbomRelocationIT {

    private static final BomArtifact COMMONS_IO = BomArtifact.jar("commons-io", "commons-io", "1.3.2");
    private static final BomArtifact JUNIT = BomArtifact.jar("junit", "junit", "4.11");
    private static final BomArtifact HAMCREST = BomArtifact.jar("org.hamcrest", "hamcrest-core", "1.3");
    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-relocation@1.0.0?type=jar";

    private static SampleBuild build;
    private static BomJson bom;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-relocation").arguments("package").succeeds();
        bom = BomJson.read(build.directory().resolve("target/bom.json"));
    }

    @Test
    void originalPomsRelocate() throws Exception {
        BomArtifact original = BomArtifact.jar("org.apache.commons", "commons-io", "1.3.2");
        assertThat(Files.readString(original.pom())).contains("<relocation>");
    }

    @Test
    void componentsCarryNewCoordinates() {
        assertThat(bom.purls()).containsExactlyInAnyOrder(COMMONS_IO.purl(), JUNIT.purl(), HAMCREST.purl());
    }

    @Test
    void relocatedFromNamesOriginal() {
        assertThat(BomJson.properties(bom.component(COMMONS_IO)))
                .containsEntry("provenance:maven:relocatedFrom", "org.apache.commons:commons-io:1.3.2");
        assertThat(BomJson.properties(bom.component(JUNIT)))
                .containsEntry("provenance:maven:relocatedFrom", "junit:junit-dep:4.11");
    }

    @Test
    void unrelocatedHasNoRelocatedFrom() {
        assertThat(BomJson.properties(bom.component(HAMCREST))).doesNotContainKey("provenance:maven:relocatedFrom");
    }

    @Test
    void componentsHashRelocatedFiles() {
        BomChecks.assertComponent(bom, COMMONS_IO, "required", "compile");
        BomChecks.assertComponent(bom, JUNIT, "required", "compile");
        BomChecks.assertComponent(bom, HAMCREST, "required", "compile");
    }

    @Test
    void edgesUseNewCoordinates() {
        assertThat(bom.edges())
                .containsExactlyInAnyOrder(
                        edge(ROOT, COMMONS_IO.purl()), edge(ROOT, JUNIT.purl()), edge(JUNIT, HAMCREST));
        BomChecks.assertGraphClosed(bom);
    }

    @Test
    void outputIsValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory());
    }
}
