package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Offline builds ({@code -o}) after an online build has filled the local repository. Offline, Maven resolves the
 * version range of {@code sbom-version-range} from the metadata that the online build cached.
 */
class SbomOfflineIT {

    @Test
    void offlineWritesSameBytes() throws Exception {
        SampleBuild online =
                SampleBuild.of("sbom-version-range").arguments("package").succeeds();
        SampleBuild offline =
                SampleBuild.of("sbom-version-range").arguments("-o", "package").succeeds();

        for (String output : new String[] {"target/bom.json", "target/bom.xml"}) {
            assertThat(Files.readAllBytes(offline.directory().resolve(output)))
                    .as(output)
                    .isEqualTo(Files.readAllBytes(online.directory().resolve(output)));
        }
    }

    @Test
    void goalRunsWithoutDeclaration() throws Exception {
        String goal = "dev.provenance:provenance-maven-plugin:" + SampleBuild.pluginVersion() + ":sbom";
        // The online run fills the local repository with the project's dependencies and the plugin's.
        SampleBuild.of("sbom-undeclared").arguments("validate", goal).succeeds();
        SampleBuild offline = SampleBuild.of("sbom-undeclared")
                .arguments("-o", "validate", goal)
                .succeeds();
        BomJson bom = BomJson.read(offline.directory().resolve("target/bom.json"));

        BomArtifact text = BomArtifact.jar("org.apache.commons", "commons-text", "1.14.0");
        BomArtifact lang = BomArtifact.jar("org.apache.commons", "commons-lang3", "3.18.0");
        String root = "pkg:maven/dev.provenance.samples/sbom-undeclared@1.0.0?type=jar";
        assertThat(bom.purls()).containsExactlyInAnyOrder(text.purl(), lang.purl());
        assertThat(bom.edges()).containsExactlyInAnyOrder(edge(root, text.purl()), edge(text, lang));
        BomChecks.assertComponent(bom, text, "required", "compile");
        BomChecks.assertComponent(bom, lang, "required", "compile");
        BomChecks.assertValid(offline.directory());
    }
}
