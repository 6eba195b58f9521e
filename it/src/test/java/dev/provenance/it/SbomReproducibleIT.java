package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two builds of {@code sbom-system-scope} in two different folders. That sample has a path in its SBOM, the
 * system-scoped jar's, so it would show a build that leaks the folder it ran in.
 */
class SbomReproducibleIT {

    private static final List<String> OUTPUTS = List.of("target/bom.json", "target/bom.xml");

    private static SampleBuild first;
    private static SampleBuild second;

    @BeforeAll
    static void buildTwice() {
        first = SampleBuild.of("sbom-system-scope").arguments("package").succeeds();
        second = SampleBuild.of("sbom-system-scope").arguments("package").succeeds();
    }

    @Test
    void twoBuildsWriteSameBytes() throws Exception {
        for (String output : OUTPUTS) {
            assertThat(Files.readAllBytes(second.directory().resolve(output)))
                    .as(output)
                    .isEqualTo(Files.readAllBytes(first.directory().resolve(output)));
        }
    }

    @Test
    void outputHasNoBuildFolder() throws Exception {
        for (String output : OUTPUTS) {
            String text = Files.readString(first.directory().resolve(output), StandardCharsets.UTF_8);
            assertThat(text).as(output).doesNotContain(first.directory().toString());
        }
    }

    @Test
    void linesEndWithLineFeed() throws Exception {
        for (String output : OUTPUTS) {
            assertThat(Files.readString(first.directory().resolve(output)))
                    .as(output)
                    .doesNotContain("\r");
        }
    }

    @Test
    void repeatedBuildKeepsBytes() throws Exception {
        SampleBuild repeated =
                SampleBuild.of("sbom-system-scope").arguments("package").succeeds();
        Path json = repeated.directory().resolve("target/bom.json");
        byte[] before = Files.readAllBytes(json);

        repeated.keepTarget().succeeds();

        assertThat(Files.readAllBytes(json)).isEqualTo(before);
    }

    @Test
    void serialNumberIsFixed() {
        BomJson bom = BomJson.read(first.directory().resolve("target/bom.json"));
        String serialNumber = bom.root().path("serialNumber").asText();

        assertThat(serialNumber).startsWith("urn:uuid:");
        assertThat(BomJson.read(second.directory().resolve("target/bom.json"))
                        .root()
                        .path("serialNumber")
                        .asText())
                .isEqualTo(serialNumber);
    }
}
