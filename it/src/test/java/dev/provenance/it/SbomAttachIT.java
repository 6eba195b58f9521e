package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attachment of both files with classifier {@code cyclonedx}, and the {@code skip} parameter, on {@code sbom-optional}. */
class SbomAttachIT {

    private static final String GROUP = "dev.provenance.samples";
    private static final String ARTIFACT = "sbom-optional";
    private static final String VERSION = "1.0.0";

    @Test
    void installPublishesBothFiles() throws Exception {
        SampleBuild build = SampleBuild.of(ARTIFACT).arguments("install").succeeds();
        Path target = build.directory().resolve("target");

        for (String type : List.of("json", "xml")) {
            Path installed = SampleBuild.artifactFile(GROUP, ARTIFACT, VERSION, "cyclonedx", type);
            assertThat(installed).as("installed %s", type).isRegularFile();
            assertThat(Files.readAllBytes(installed))
                    .as("installed %s", type)
                    .isEqualTo(Files.readAllBytes(target.resolve("bom." + type)));
        }
    }

    @Test
    void skipWritesNothing() {
        SampleBuild build = SampleBuild.of(ARTIFACT)
                .arguments("package", "-Dprovenance.sbom.skip=true")
                .succeeds();

        assertThat(build.directory().resolve("target/bom.json")).doesNotExist();
        assertThat(build.directory().resolve("target/bom.xml")).doesNotExist();
        List<String> goalLines = build.log()
                .lines()
                .dropWhile(line -> !line.contains("--- provenance:"))
                .skip(1)
                .takeWhile(line -> !line.startsWith("[INFO] ---"))
                .filter(line -> !line.isBlank() && !line.equals("[INFO] "))
                .toList();
        assertThat(goalLines)
                .as("log of the sbom execution")
                .anyMatch(line -> line.toLowerCase().contains("skip"));
    }
}
