package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.cyclonedx.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code -Dprovenance.sbom.schemaVersion} on {@code sbom-test-jar}: the same components in each CycloneDX version. */
class SbomSchemaVersionIT {

    private static final BomArtifact MAIN = BomArtifact.jar("org.apache.commons", "commons-lang3", "3.18.0");
    private static final BomArtifact TESTS =
            new BomArtifact("org.apache.commons", "commons-lang3", "3.18.0", "tests", "test-jar");
    // One build per version, shared by the tests of that version.
    private static final Map<Version, Path> BUILDS = new EnumMap<>(Version.class);

    @ParameterizedTest
    @EnumSource(
            value = Version.class,
            names = {"VERSION_14", "VERSION_15"})
    void olderSchemaIsValid(Version version) throws Exception {
        Path target = build(version);

        BomJson bom = BomJson.read(target.resolve("bom.json"));
        assertThat(bom.specVersion()).isEqualTo(version.getVersionString());
        assertThat(Files.readString(target.resolve("bom.xml"))).contains(version.getNamespace());
        BomChecks.assertValid(target.resolve("bom.json"), target.resolve("bom.xml"), version);
    }

    @ParameterizedTest
    @EnumSource(
            value = Version.class,
            names = {"VERSION_14", "VERSION_15"})
    void olderSchemaKeepsComponents(Version version) {
        BomJson bom = BomJson.read(build(version).resolve("bom.json"));

        assertThat(bom.purls()).containsExactlyInAnyOrder(MAIN.purl(), TESTS.purl());
        BomChecks.assertComponent(bom, MAIN, "required", "compile");
        BomChecks.assertComponent(bom, TESTS, "excluded", "test");
    }

    @ParameterizedTest
    @EnumSource(
            value = Version.class,
            names = {"VERSION_14", "VERSION_15"})
    void olderSchemaNamesTool(Version version) {
        JsonNode tools = BomJson.read(build(version).resolve("bom.json"))
                .root()
                .path("metadata")
                .path("tools");
        // CycloneDX 1.5 moved tools from an array of tools to an object of components and services.
        JsonNode list = version == Version.VERSION_14 ? tools : tools.path("components");

        assertThat(list.isArray()).as("tools array in %s", version).isTrue();
        assertThat(list.findValuesAsText("name")).contains("provenance-maven-plugin");
    }

    private static Path build(Version version) {
        return BUILDS.computeIfAbsent(
                version,
                key -> SampleBuild.of("sbom-test-jar")
                        .arguments("package", "-Dprovenance.sbom.schemaVersion=" + key.getVersionString())
                        .succeeds()
                        .directory()
                        .resolve("target"));
    }
}
