package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;

/** Assertions shared by the SBOM integration tests, one assert per condition. */
final class BomChecks {

    private BomChecks() {}

    /** Returns the lowercase hex digest of a file, for {@code algorithm} as the JDK names it ("SHA-256"). */
    static String digest(Path file, String algorithm) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts that the component of {@code artifact} has the artifact's coordinates, exactly the SHA-256 and SHA-512
     * digests of {@code file}, the CycloneDX scope {@code scope} and the Maven scope {@code mavenScope}.
     */
    static void assertComponent(BomJson bom, BomArtifact artifact, Path file, String scope, String mavenScope) {
        JsonNode component = bom.component(artifact);
        String purl = artifact.purl();

        assertThat(component.path("bom-ref").asText()).as("bom-ref of %s", purl).isEqualTo(purl);
        assertThat(component.path("group").asText()).as("group of %s", purl).isEqualTo(artifact.groupId());
        assertThat(component.path("name").asText()).as("name of %s", purl).isEqualTo(artifact.artifactId());
        assertThat(component.path("version").asText()).as("version of %s", purl).isEqualTo(artifact.version());
        assertThat(file).as("file of %s", purl).isRegularFile();
        assertThat(BomJson.hashes(component))
                .as("hashes of %s", purl)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("SHA-256", digest(file, "SHA-256"), "SHA-512", digest(file, "SHA-512")));
        assertThat(component.path("scope").asText(null)).as("scope of %s", purl).isEqualTo(scope);
        assertThat(BomJson.properties(component))
                .as("properties of %s", purl)
                .containsEntry("provenance:maven:scope", mavenScope);
    }

    /** {@link #assertComponent(BomJson, BomArtifact, Path, String, String)} for the artifact's file in the repository. */
    static void assertComponent(BomJson bom, BomArtifact artifact, String scope, String mavenScope) {
        assertComponent(bom, artifact, artifact.file(), scope, mavenScope);
    }

    /** Asserts that every ref in {@code dependencies} names a component or the root, and that each component has one. */
    static void assertGraphClosed(BomJson bom) {
        Set<String> known = new TreeSet<>(bom.bomRefs());
        known.add(bom.rootRef());

        assertThat(bom.dependencyRefs())
                .as("refs in dependencies of %s", bom.file())
                .isSubsetOf(known);
        assertThat(bom.dependencyRefs())
                .as("refs in dependencies of %s", bom.file())
                .containsAll(known);
    }

    /**
     * Asserts that cyclonedx-core-java validates both files against the schema of {@code version}, and that the XML
     * file lists the same components and edges as the JSON file.
     */
    static void assertValid(Path json, Path xml, Version version) throws IOException, ParseException {
        List<ParseException> jsonErrors = new JsonParser().validate(json.toFile(), version);
        assertThat(jsonErrors).as("schema errors in %s", json).isEmpty();

        List<ParseException> xmlErrors = new XmlParser().validate(xml.toFile(), version);
        assertThat(xmlErrors).as("schema errors in %s", xml).isEmpty();

        BomJson fromJson = BomJson.read(json);
        Bom fromXml = new XmlParser().parse(xml.toFile());
        assertThat(purls(fromXml)).as("components of %s", xml).isEqualTo(fromJson.purls());
        assertThat(edges(fromXml)).as("dependencies of %s", xml).isEqualTo(fromJson.edges());
    }

    /** {@link #assertValid(Path, Path, Version)} for {@code target/bom.json} and {@code target/bom.xml} under 1.6. */
    static void assertValid(Path projectDirectory) throws IOException, ParseException {
        Path target = projectDirectory.resolve("target");
        assertValid(target.resolve("bom.json"), target.resolve("bom.xml"), Version.VERSION_16);
    }

    private static Set<String> purls(Bom bom) {
        Set<String> purls = new TreeSet<>();
        if (bom.getComponents() != null) {
            for (Component component : bom.getComponents()) {
                purls.add(component.getPurl());
            }
        }
        return purls;
    }

    private static Set<String> edges(Bom bom) {
        Set<String> edges = new TreeSet<>();
        if (bom.getDependencies() != null) {
            for (Dependency dependency : bom.getDependencies()) {
                if (dependency.getDependencies() != null) {
                    for (Dependency to : dependency.getDependencies()) {
                        edges.add(BomJson.edge(dependency.getRef(), to.getRef()));
                    }
                }
            }
        }
        return edges;
    }
}
