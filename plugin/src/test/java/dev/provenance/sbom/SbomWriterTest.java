package dev.provenance.sbom;

import static dev.provenance.sbom.SbomFixtures.PROJECT;
import static dev.provenance.sbom.SbomFixtures.artifact;
import static dev.provenance.sbom.SbomFixtures.build;
import static dev.provenance.sbom.SbomFixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SbomWriterTest {

    private static final Coordinates LIB = new Coordinates("org.example", "lib", "1.0", null, "jar");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(
            value = Version.class,
            names = {"VERSION_14", "VERSION_15", "VERSION_16"})
    void outputValidatesAgainstSchema(Version version) throws Exception {
        Path json = directory.resolve("bom.json");
        Path xml = directory.resolve("bom.xml");

        new SbomWriter(version).write(sampleBom(version), json, xml);

        assertThat(new JsonParser().validate(json.toFile(), version)).isEmpty();
        assertThat(new XmlParser().validate(xml.toFile(), version)).isEmpty();
        assertThat(Files.readString(json)).contains("\"specVersion\" : \"" + version.getVersionString() + "\"");
    }

    @Test
    void sameInputGivesSameBytes() throws Exception {
        SbomWriter writer = new SbomWriter(Version.VERSION_16);

        SbomWriter.Serialized first = writer.serialize(sampleBom(Version.VERSION_16));
        SbomWriter.Serialized second = writer.serialize(sampleBom(Version.VERSION_16));

        assertThat(second.json()).isEqualTo(first.json());
        assertThat(second.xml()).isEqualTo(first.xml());
        assertThat(second.serialNumber()).isEqualTo(first.serialNumber());
    }

    @Test
    void serialNumberFollowsContent() throws Exception {
        SbomWriter writer = new SbomWriter(Version.VERSION_16);
        Bom changed = sampleBom(Version.VERSION_16);
        changed.getComponents().get(0).setVersion("1.1");

        String original = writer.serialize(sampleBom(Version.VERSION_16)).serialNumber();
        String other = writer.serialize(changed).serialNumber();

        assertThat(other).isNotEqualTo(original);
        UUID uuid = UUID.fromString(original.substring("urn:uuid:".length()));
        assertThat(uuid.version()).isEqualTo(5);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void nameBasedUuidMatchesRfcExample() {
        // RFC 9562, appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        UUID dnsNamespace = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        assertThat(SbomWriter.nameBasedUuid(dnsNamespace, "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    @Test
    void outputHasOnlyLfLineEndings() throws Exception {
        SbomWriter.Serialized serialized = new SbomWriter(Version.VERSION_16).serialize(sampleBom(Version.VERSION_16));

        String json = new String(serialized.json(), StandardCharsets.UTF_8);
        String xml = new String(serialized.xml(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("\r").endsWith("\n");
        assertThat(xml).doesNotContain("\r").endsWith("\n");
    }

    @Test
    void invalidSbomIsNotWritten() throws Exception {
        Bom bom = sampleBom(Version.VERSION_16);
        bom.getComponents().get(0).setName(null);
        Path json = directory.resolve("bom.json");
        Path xml = directory.resolve("bom.xml");

        assertThatThrownBy(() -> new SbomWriter(Version.VERSION_16).write(bom, json, xml))
                .isInstanceOf(InvalidSbomException.class)
                .hasMessageContaining("does not conform to the CycloneDX schema")
                .hasMessageContaining("name");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith(".bom")))
                    .isEmpty();
        }
        assertThat(json).doesNotExist();
        assertThat(xml).doesNotExist();
    }

    private Bom sampleBom(Version version) throws Exception {
        DependencyGraph graph = new DependencyGraph(PROJECT);
        graph.addArtifact(artifact(directory, LIB, MavenScope.COMPILE, false));
        graph.addEdge(PROJECT, LIB);
        Bom bom = new SbomBuilder(options(version)).build(graph, build(PROJECT, null));
        assertThat(bom.getComponents()).extracting(Component::getPurl).containsExactly(LIB.purl());
        return bom;
    }
}
