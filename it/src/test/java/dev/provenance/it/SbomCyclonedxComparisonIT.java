package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs cyclonedx-maven-plugin 2.9.3 ({@code makeAggregateBom}, test scope included) in the same build as the sbom goal
 * and checks that every component and edge it finds is in our SBOM too. Deliberate differences in other fields are
 * listed in docs/sbom.md.
 */
class SbomCyclonedxComparisonIT {

    private static final String[] CYCLONEDX = {
        "org.cyclonedx:cyclonedx-maven-plugin:2.9.3:makeAggregateBom",
        "-DincludeTestScope=true",
        // Its default output name and classifier are also ours, so its files and attachments get other names.
        "-DoutputName=cyclonedx",
        "-Dcyclonedx.skipAttach=true"
    };

    @Test
    void bundledSampleCoversCyclonedx() {
        SampleBuild build = SampleBuild.ofProject(SampleBuild.repositoryRoot().resolve("sample"))
                .arguments("package", "-DskipTests")
                .arguments(CYCLONEDX)
                .succeeds();
        Path target = build.directory().resolve("target");
        BomJson ours = BomJson.read(target.resolve("bom.json"));
        BomJson theirs = BomJson.read(target.resolve("cyclonedx.json"));

        assertCovers(ours, theirs);
    }

    @Test
    void reactorAggregateCoversCyclonedx() {
        SampleBuild build = SampleBuild.of("sbom-multi-module")
                .arguments("package")
                .arguments(CYCLONEDX)
                .succeeds();
        Path target = build.directory().resolve("target");
        BomJson ours = BomJson.read(target.resolve("bom-aggregate.json"));
        BomJson theirs = BomJson.read(target.resolve("cyclonedx.json"));

        assertCovers(ours, theirs);
    }

    @Test
    void scopesSampleCoversCyclonedx() {
        SampleBuild build = SampleBuild.of("sbom-scopes")
                .arguments("package")
                .arguments(CYCLONEDX)
                .succeeds();
        Path target = build.directory().resolve("target");

        assertCovers(BomJson.read(target.resolve("bom.json")), BomJson.read(target.resolve("cyclonedx.json")));
    }

    private static void assertCovers(BomJson ours, BomJson theirs) {
        assertThat(theirs.purls()).as("components that cyclonedx found").isNotEmpty();
        assertThat(ours.rootRef()).as("root").isEqualTo(theirs.rootRef());
        assertThat(ours.purls()).as("components").containsAll(theirs.purls());
        assertThat(ours.edges()).as("edges").containsAll(theirs.edges());
    }
}
