package dev.provenance.sbom;

import static dev.provenance.sbom.SbomFixtures.artifact;
import static dev.provenance.sbom.SbomFixtures.build;
import static dev.provenance.sbom.SbomFixtures.component;
import static dev.provenance.sbom.SbomFixtures.edges;
import static dev.provenance.sbom.SbomFixtures.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomAggregatorTest {

    private static final Coordinates PARENT = new Coordinates("org.example", "parent", "1.0", null, "pom");
    private static final Coordinates CORE = new Coordinates("org.example", "core", "1.0", null, "jar");
    private static final Coordinates APP = new Coordinates("org.example", "app", "1.0", null, "jar");
    private static final Coordinates LANG = new Coordinates("org.apache.commons", "lang", "3.0", null, "jar");
    private static final Coordinates JUNIT = new Coordinates("org.junit", "junit", "5.0", null, "jar");

    @TempDir
    Path directory;

    @Test
    void aggregateLinksModulesAndKeepsTheirEdges() throws Exception {
        Bom bom = aggregate();

        Map<String, List<String>> edges = edges(bom);
        assertThat(edges.get(PARENT.purl())).containsExactly(APP.purl(), CORE.purl());
        assertThat(edges.get(APP.purl())).containsExactly(CORE.purl(), JUNIT.purl());
        assertThat(edges.get(CORE.purl())).containsExactly(LANG.purl());
        assertThat(bom.getMetadata().getComponent().getPurl()).isEqualTo(PARENT.purl());
    }

    @Test
    void modulesAreFirstPartyComponents() throws Exception {
        Bom bom = aggregate();

        assertThat(bom.getComponents())
                .extracting(Component::getPurl)
                .containsExactly(LANG.purl(), APP.purl(), CORE.purl(), JUNIT.purl());
        for (Coordinates module : List.of(APP, CORE)) {
            Component component = component(bom, module);
            assertThat(component.getProperties())
                    .extracting(Property::getName, Property::getValue)
                    .contains(org.assertj.core.groups.Tuple.tuple(SbomProperties.REACTOR_MODULE, "true"));
        }
        assertThat(component(bom, APP).getHashes()).hasSize(2);
    }

    @Test
    void widestScopeWins() throws Exception {
        Bom bom = aggregate();

        // JUnit is test-scoped in app and compile-scoped in core.
        assertThat(component(bom, JUNIT).getScope()).isEqualTo(Component.Scope.REQUIRED);
    }

    @Test
    void aggregateValidates() throws Exception {
        Path json = directory.resolve("bom-aggregate.json");
        Path xml = directory.resolve("bom-aggregate.xml");

        new SbomWriter(Version.VERSION_16).write(aggregate(), json, xml);

        assertThat(new org.cyclonedx.parsers.JsonParser().validate(json.toFile(), Version.VERSION_16))
                .isEmpty();
    }

    private Bom aggregate() throws Exception {
        Path coreDirectory = Files.createDirectories(directory.resolve("core"));
        DependencyGraph core = new DependencyGraph(CORE);
        core.addArtifact(artifact(coreDirectory, LANG, MavenScope.COMPILE, false));
        core.addArtifact(artifact(coreDirectory, JUNIT, MavenScope.COMPILE, false));
        core.addEdge(CORE, LANG);
        ModuleSbom coreSbom = write(core, coreDirectory, null);

        Path appDirectory = Files.createDirectories(directory.resolve("app"));
        DependencyGraph app = new DependencyGraph(APP);
        ResolvedArtifact coreJar = artifact(appDirectory, CORE, MavenScope.COMPILE, false);
        app.addArtifact(
                new ResolvedArtifact(CORE, MavenScope.COMPILE, false, coreJar.file(), null, null, true, List.of()));
        app.addArtifact(artifact(appDirectory, LANG, MavenScope.COMPILE, false));
        app.addArtifact(artifact(appDirectory, JUNIT, MavenScope.TEST, false));
        app.addEdge(APP, CORE);
        app.addEdge(APP, JUNIT);
        app.addEdge(CORE, LANG);
        Path appJar = Files.writeString(appDirectory.resolve("app-1.0.jar"), "app");
        ModuleSbom appSbom = write(app, appDirectory, appJar);

        return new SbomAggregator(options(Version.VERSION_16))
                .aggregate(build(PARENT, null), List.of(appSbom, coreSbom));
    }

    private static ModuleSbom write(DependencyGraph graph, Path moduleDirectory, Path artifactFile) throws Exception {
        Bom bom = new SbomBuilder(options(Version.VERSION_16)).build(graph, build(graph.root(), null));
        Path json = moduleDirectory.resolve("bom.json");
        new SbomWriter(Version.VERSION_16).write(bom, json, moduleDirectory.resolve("bom.xml"));
        return new ModuleSbom(graph.root(), PARENT, json, artifactFile);
    }
}
