package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A second build of the same {@code sbom-optional} copy, which may keep the SBOM it wrote before only while neither
 * the inputs nor the output files changed.
 */
class SbomRepeatBuildIT {

    private static final String UP_TO_DATE = "SBOM is up to date";

    @Test
    void unchangedBuildKeepsSbom() throws Exception {
        SampleBuild build = SampleBuild.of("sbom-optional").arguments("package").succeeds();
        Path json = build.directory().resolve("target/bom.json");
        byte[] first = Files.readAllBytes(json);

        build.keepTarget().succeeds();

        assertThat(build.log()).contains(UP_TO_DATE);
        assertThat(Files.readAllBytes(json)).isEqualTo(first);
    }

    @Test
    void editedOutputIsWrittenAgain() throws Exception {
        SampleBuild build = SampleBuild.of("sbom-optional").arguments("package").succeeds();
        Path xml = build.directory().resolve("target/bom.xml");
        byte[] first = Files.readAllBytes(xml);
        Files.writeString(xml, Files.readString(xml).replace("commons-codec", "commons-kodek"));

        build.keepTarget().succeeds();

        assertThat(build.log()).doesNotContain(UP_TO_DATE);
        assertThat(Files.readAllBytes(xml)).isEqualTo(first);
    }

    @Test
    void changedDependencyIsWrittenAgain() throws Exception {
        SampleBuild build = SampleBuild.of("sbom-optional").arguments("package").succeeds();
        Path pom = build.directory().resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<version>1.19.0</version>", "<version>1.18.0</version>"));

        build.keepTarget().succeeds();

        assertThat(build.log()).doesNotContain(UP_TO_DATE);
        assertThat(BomJson.read(build.directory().resolve("target/bom.json")).purls())
                .containsExactlyInAnyOrder(
                        BomArtifact.jar("commons-codec", "commons-codec", "1.18.0")
                                .purl(),
                        BomArtifact.jar("commons-logging", "commons-logging", "1.3.5")
                                .purl());
    }

    @Test
    void changedOptionIsWrittenAgain() {
        SampleBuild build = SampleBuild.of("sbom-optional").arguments("package").succeeds();

        build.arguments("-Dprovenance.sbom.schemaVersion=1.5").keepTarget().succeeds();

        assertThat(build.log()).doesNotContain(UP_TO_DATE);
        assertThat(BomJson.read(build.directory().resolve("target/bom.json")).specVersion())
                .isEqualTo("1.5");
    }

    @Test
    void unchangedReactorKeepsAggregate() throws Exception {
        SampleBuild build =
                SampleBuild.of("sbom-multi-module").arguments("package").succeeds();
        Path aggregate = build.directory().resolve("target/bom-aggregate.json");
        byte[] first = Files.readAllBytes(aggregate);

        build.keepTarget().succeeds();

        assertThat(build.log()).contains("Aggregate SBOM is up to date");
        assertThat(Files.readAllBytes(aggregate)).isEqualTo(first);
    }

    @Test
    void changedOptionRewritesAggregate() throws Exception {
        SampleBuild build =
                SampleBuild.of("sbom-multi-module").arguments("package").succeeds();

        build.arguments("-Dprovenance.sbom.includeTestAndProvided=false")
                .keepTarget()
                .succeeds();

        assertThat(build.log()).doesNotContain("Aggregate SBOM is up to date");
        assertThat(build.log()).contains("Wrote aggregate SBOM");
    }
}
