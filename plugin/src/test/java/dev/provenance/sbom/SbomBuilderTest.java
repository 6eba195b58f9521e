package dev.provenance.sbom;

import static dev.provenance.sbom.SbomFixtures.PROJECT;
import static dev.provenance.sbom.SbomFixtures.artifact;
import static dev.provenance.sbom.SbomFixtures.build;
import static dev.provenance.sbom.SbomFixtures.component;
import static dev.provenance.sbom.SbomFixtures.edges;
import static dev.provenance.sbom.SbomFixtures.options;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.source.SourceRevision;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.Property;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomBuilderTest {

    private static final Coordinates WEB = new Coordinates("org.example", "web", "2.0", null, "jar");
    private static final Coordinates CORE = new Coordinates("org.example", "core", "3.1", null, "jar");
    private static final Coordinates JSON = new Coordinates("org.example", "json", "1.2", null, "jar");
    private static final Coordinates JUNIT = new Coordinates("org.junit", "junit", "5.0", null, "jar");
    private static final Coordinates SERVLET = new Coordinates("jakarta.servlet", "api", "6.0", null, "jar");
    private static final Coordinates TESTS = new Coordinates("org.example", "core", "3.1", "tests", "test-jar");

    @TempDir
    Path directory;

    private DependencyGraph graph;

    @BeforeEach
    void buildGraph() throws Exception {
        graph = new DependencyGraph(PROJECT);
        graph.addArtifact(artifact(directory, WEB, MavenScope.COMPILE, false));
        graph.addArtifact(artifact(directory, CORE, MavenScope.COMPILE, false));
        graph.addArtifact(artifact(directory, JSON, MavenScope.RUNTIME, true));
        graph.addArtifact(artifact(directory, JUNIT, MavenScope.TEST, false));
        graph.addArtifact(artifact(directory, SERVLET, MavenScope.PROVIDED, false));
        graph.addArtifact(artifact(directory, TESTS, MavenScope.TEST, false));
        graph.addEdge(PROJECT, WEB);
        graph.addEdge(PROJECT, JSON);
        graph.addEdge(PROJECT, JUNIT);
        graph.addEdge(PROJECT, SERVLET);
        graph.addEdge(PROJECT, TESTS);
        graph.addEdge(WEB, CORE);
        graph.addEdge(JSON, CORE);
        graph.addEdge(JUNIT, CORE);
    }

    @Test
    void scopesFollowMavenScopes() throws Exception {
        Bom bom = new SbomBuilder(options(Version.VERSION_16)).build(graph, build(PROJECT, null));

        Map<String, Component.Scope> scopes =
                bom.getComponents().stream().collect(Collectors.toMap(Component::getPurl, Component::getScope));
        assertThat(scopes)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        WEB.purl(), Component.Scope.REQUIRED,
                        CORE.purl(), Component.Scope.REQUIRED,
                        JSON.purl(), Component.Scope.OPTIONAL,
                        JUNIT.purl(), Component.Scope.EXCLUDED,
                        SERVLET.purl(), Component.Scope.EXCLUDED,
                        TESTS.purl(), Component.Scope.EXCLUDED));
    }

    @Test
    void componentsAreSortedByPurl() throws Exception {
        Bom bom = new SbomBuilder(options(Version.VERSION_16)).build(graph, build(PROJECT, null));

        List<String> purls =
                bom.getComponents().stream().map(Component::getPurl).toList();
        assertThat(purls).isSorted();
        assertThat(bom.getComponents())
                .allSatisfy(component -> assertThat(component.getBomRef()).isEqualTo(component.getPurl()));
    }

    @Test
    void sharedDependencyHasEveryEdge() throws Exception {
        Bom bom = new SbomBuilder(options(Version.VERSION_16)).build(graph, build(PROJECT, null));

        Map<String, List<String>> edges = edges(bom);
        assertThat(edges.get(WEB.purl())).containsExactly(CORE.purl());
        assertThat(edges.get(JSON.purl())).containsExactly(CORE.purl());
        assertThat(edges.get(JUNIT.purl())).containsExactly(CORE.purl());
        assertThat(edges.get(CORE.purl())).isEmpty();
        assertThat(edges.get(PROJECT.purl()))
                .containsExactly(SERVLET.purl(), TESTS.purl(), JSON.purl(), WEB.purl(), JUNIT.purl());
    }

    @Test
    void leavingOutTestAndProvidedDropsTheirEdges() throws Exception {
        SbomOptions options = new SbomOptions(Version.VERSION_16, false, Component.Type.LIBRARY);

        Bom bom = new SbomBuilder(options).build(graph, build(PROJECT, null));

        assertThat(bom.getComponents())
                .extracting(Component::getPurl)
                .containsExactly(CORE.purl(), JSON.purl(), WEB.purl());
        Map<String, List<String>> edges = edges(bom);
        assertThat(edges).doesNotContainKeys(JUNIT.purl(), SERVLET.purl(), TESTS.purl());
        assertThat(edges.get(PROJECT.purl())).containsExactly(JSON.purl(), WEB.purl());
    }

    @Test
    void hashesAreThoseOfTheFile() throws Exception {
        Bom bom = new SbomBuilder(options(Version.VERSION_16)).build(graph, build(PROJECT, null));

        Component web = component(bom, WEB);
        Path file = graph.artifacts().get(WEB.purl()).file();
        assertThat(web.getHashes())
                .extracting(Hash::getAlgorithm, Hash::getValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SHA-256", SbomFixtures.sha256(file)),
                        org.assertj.core.groups.Tuple.tuple("SHA-512", SbomFixtures.sha512(file)));
    }

    @Test
    void systemArtifactIsMarkedNotFromRepository() throws Exception {
        Coordinates vendor = new Coordinates("com.vendor", "driver", "7", null, "jar");
        ResolvedArtifact fromDisk = artifact(directory, vendor, MavenScope.SYSTEM, false);
        graph.addArtifact(new ResolvedArtifact(
                vendor, MavenScope.SYSTEM, false, fromDisk.file(), "lib/driver-7.jar", null, false, List.of()));

        Bom bom = new SbomBuilder(options(Version.VERSION_16)).build(graph, build(PROJECT, null));

        Component driver = component(bom, vendor);
        assertThat(properties(driver))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        SbomProperties.MAVEN_SCOPE, "system",
                        SbomProperties.SYSTEM_PATH, "lib/driver-7.jar",
                        SbomProperties.FROM_REPOSITORY, "false"));
        assertThat(driver.getHashes()).hasSize(2);
        assertThat(driver.getScope()).isEqualTo(Component.Scope.REQUIRED);
    }

    @Test
    void relocationAndReactorModuleAreRecorded() throws Exception {
        Coordinates moved = new Coordinates("org.new", "lib", "2.0", null, "jar");
        Coordinates sibling = new Coordinates("org.example", "sibling", "1.0.0", null, "jar");
        graph.addArtifact(new ResolvedArtifact(
                moved, MavenScope.COMPILE, false, null, null, "org.old:lib:1.0", false, List.of()));
        graph.addArtifact(
                new ResolvedArtifact(sibling, MavenScope.COMPILE, false, directory, null, null, true, List.of()));

        Bom bom = new SbomBuilder(options(Version.VERSION_16)).build(graph, build(PROJECT, null));

        assertThat(properties(component(bom, moved))).containsEntry(SbomProperties.RELOCATED_FROM, "org.old:lib:1.0");
        assertThat(properties(component(bom, sibling))).containsEntry(SbomProperties.REACTOR_MODULE, "true");
        assertThat(component(bom, sibling).getHashes()).isNullOrEmpty();
    }

    @Test
    void metadataRecordsProjectToolAndSource() throws Exception {
        SourceRevision source = new SourceRevision(
                "0123456789abcdef0123456789abcdef01234567",
                Instant.parse("2026-01-01T00:00:00Z"),
                "https://git.example.com/app.git");

        Bom bom = new SbomBuilder(options(Version.VERSION_16)).build(graph, build(PROJECT, source));

        assertThat(bom.getMetadata().getTimestamp().toInstant()).isEqualTo(SbomFixtures.TIMESTAMP);
        assertThat(bom.getMetadata().getComponent().getPurl()).isEqualTo(PROJECT.purl());
        assertThat(bom.getMetadata().getComponent().getLicenses().getLicenses())
                .extracting(License::getId)
                .containsExactly("Apache-2.0");
        assertThat(bom.getMetadata().getToolChoice().getComponents())
                .extracting(Component::getPurl)
                .containsExactly(SbomFixtures.TOOL.purl());
        assertThat(bom.getMetadata().getProperties())
                .extracting(Property::getName, Property::getValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SbomProperties.GIT_COMMIT, source.commit()),
                        org.assertj.core.groups.Tuple.tuple(SbomProperties.GIT_REMOTE, source.remoteUrl()),
                        org.assertj.core.groups.Tuple.tuple(SbomProperties.MAVEN_VERSION, "3.9.16"));
    }

    @Test
    void formulationListsMavenAndPlugins() throws Exception {
        Bom bom = new SbomBuilder(options(Version.VERSION_16)).build(graph, build(PROJECT, null));

        assertThat(bom.getFormulation()).hasSize(1);
        assertThat(bom.getFormulation().get(0).getComponents())
                .extracting(Component::getPurl)
                .containsExactly(
                        "pkg:maven/org.apache.maven/apache-maven@3.9.16",
                        "pkg:maven/org.apache.maven.plugins/maven-compiler-plugin@3.14.1?type=maven-plugin",
                        "pkg:maven/org.apache.maven.plugins/maven-jar-plugin@3.4.2?type=maven-plugin");
    }

    @Test
    void version14HasNoFormulation() throws Exception {
        Bom bom = new SbomBuilder(options(Version.VERSION_14)).build(graph, build(PROJECT, null));

        assertThat(bom.getFormulation()).isNull();
        assertThat(bom.getMetadata().getTools()).hasSize(1);
        assertThat(bom.getMetadata().getTools().get(0).getName()).isEqualTo("provenance-maven-plugin");
    }

    private static Map<String, String> properties(Component component) {
        return component.getProperties().stream().collect(Collectors.toMap(Property::getName, Property::getValue));
    }
}
