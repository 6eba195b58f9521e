package dev.provenance.sbom;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.LifecycleChoice;
import org.cyclonedx.model.Lifecycles;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.Tool;
import org.cyclonedx.model.formulation.Formula;
import org.cyclonedx.model.metadata.ToolInformation;

/** Builds a CycloneDX {@link Bom} from a resolved dependency graph and facts about the build. */
public final class SbomBuilder {

    /** The bom-ref of the formula that describes the Maven build. */
    static final String FORMULA_REF = "provenance:formula:maven-build";

    private final SbomOptions options;

    public SbomBuilder(SbomOptions options) {
        this.options = options;
    }

    /** Returns the SBOM of {@code graph}; components and edges are sorted by package URL. */
    public Bom build(DependencyGraph graph, BuildInfo build) throws IOException {
        Bom bom = new Bom();
        bom.setMetadata(metadata(build));

        List<ResolvedArtifact> artifacts = graph.artifacts().values().stream()
                .filter(artifact ->
                        options.includeTestAndProvided() || artifact.scope().ships())
                .toList();
        // Hashing is most of the work here, so a background thread hashes from the end of the list while this thread
        // starts at the beginning.
        FileDigests.startHashing(artifacts.stream()
                .map(ResolvedArtifact::file)
                .filter(file -> file != null && Files.isRegularFile(file))
                .toList());

        List<Component> components = new ArrayList<>();
        Set<String> included = new HashSet<>();
        included.add(graph.root().purl());
        for (ResolvedArtifact artifact : artifacts) {
            components.add(component(artifact));
            included.add(artifact.coordinates().purl());
        }
        bom.setComponents(components);
        bom.setDependencies(dependencies(graph.edges(), included));

        if (supportsFormulation()) {
            bom.setFormulation(List.of(formula(build)));
        }
        return bom;
    }

    /**
     * Returns the number of dependency edges of {@code bom}. It lives here rather than in the mojo so that the mojo's
     * method signatures name no CycloneDX type, which Maven would load when it creates the plugin's components.
     */
    public static int countEdges(Bom bom) {
        return bom.getDependencies() == null
                ? 0
                : bom.getDependencies().stream()
                        .mapToInt(dependency -> dependency.getDependencies() == null
                                ? 0
                                : dependency.getDependencies().size())
                        .sum();
    }

    private Metadata metadata(BuildInfo build) {
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(build.timestamp()));
        metadata.setComponent(projectComponent(build));

        Component tool = toolComponent(build.tool());
        if (supportsFormulation()) {
            ToolInformation tools = new ToolInformation();
            tools.setComponents(List.of(tool));
            metadata.setToolChoice(tools);
            LifecycleChoice buildPhase = new LifecycleChoice();
            buildPhase.setPhase(LifecycleChoice.Phase.BUILD);
            Lifecycles lifecycles = new Lifecycles();
            lifecycles.setLifecycleChoice(List.of(buildPhase));
            metadata.setLifecycles(lifecycles);
        } else {
            Tool legacyTool = new Tool();
            legacyTool.setVendor(build.tool().groupId());
            legacyTool.setName(build.tool().artifactId());
            legacyTool.setVersion(build.tool().version());
            metadata.setTools(List.of(legacyTool));
        }

        List<Property> properties = new ArrayList<>();
        properties.add(new Property(SbomProperties.MAVEN_VERSION, build.mavenVersion()));
        if (build.source() != null) {
            properties.add(
                    new Property(SbomProperties.GIT_COMMIT, build.source().commit()));
            if (build.source().remoteUrl() != null) {
                properties.add(
                        new Property(SbomProperties.GIT_REMOTE, build.source().remoteUrl()));
            }
        }
        properties.sort(Comparator.comparing(Property::getName));
        metadata.setProperties(properties);
        return metadata;
    }

    private Component projectComponent(BuildInfo build) {
        Component component = Components.named(options.projectType(), build.project());
        component.setDescription(build.description());
        LicenseChoice licenses = LicenseMapping.toLicenseChoice(build.licenses());
        if (licenses != null) {
            component.setLicenses(licenses);
        }
        if (build.source() != null && build.source().remoteUrl() != null) {
            ExternalReference vcs = new ExternalReference();
            vcs.setType(ExternalReference.Type.VCS);
            vcs.setUrl(build.source().remoteUrl());
            component.addExternalReference(vcs);
        }
        return component;
    }

    private static Component toolComponent(Coordinates tool) {
        Component component = Components.named(Component.Type.APPLICATION, tool);

        // The tool is not part of the dependency graph, so nothing refers to it.
        component.setBomRef(null);
        return component;
    }

    private Component component(ResolvedArtifact artifact) throws IOException {
        Component component = Components.named(Component.Type.LIBRARY, artifact.coordinates());
        component.setScope(scope(artifact));
        component.setHashes(Components.hashesOf(artifact.file()));

        LicenseChoice licenses = LicenseMapping.toLicenseChoice(artifact.licenses());
        if (licenses != null) {
            component.setLicenses(licenses);
        }
        component.setProperties(properties(artifact));
        return component;
    }

    private static Component.Scope scope(ResolvedArtifact artifact) {
        if (!artifact.scope().ships()) {
            return Component.Scope.EXCLUDED;
        }
        return artifact.optional() ? Component.Scope.OPTIONAL : Component.Scope.REQUIRED;
    }

    private static List<Property> properties(ResolvedArtifact artifact) {
        List<Property> properties = new ArrayList<>();
        properties.add(new Property(SbomProperties.MAVEN_SCOPE, artifact.scope().id()));
        if (artifact.systemPath() != null) {
            properties.add(new Property(SbomProperties.SYSTEM_PATH, artifact.systemPath()));
            properties.add(new Property(SbomProperties.FROM_REPOSITORY, "false"));
        }
        if (artifact.relocatedFrom() != null) {
            properties.add(new Property(SbomProperties.RELOCATED_FROM, artifact.relocatedFrom()));
        }
        if (artifact.reactorModule()) {
            properties.add(new Property(SbomProperties.REACTOR_MODULE, "true"));
        }
        properties.sort(Comparator.comparing(Property::getName));
        return properties;
    }

    private static List<Dependency> dependencies(Map<String, SortedSet<String>> edges, Set<String> included) {
        List<Dependency> dependencies = new ArrayList<>();
        edges.forEach((from, targets) -> {
            if (!included.contains(from)) {
                return;
            }
            Dependency node = new Dependency(from);
            for (String to : targets) {
                if (included.contains(to)) {
                    node.addDependency(new Dependency(to));
                }
            }
            dependencies.add(node);
        });
        return dependencies;
    }

    private Formula formula(BuildInfo build) {
        List<Component> components = new ArrayList<>();

        Component maven = new Component();
        maven.setType(Component.Type.APPLICATION);
        maven.setGroup("org.apache.maven");
        maven.setName("apache-maven");
        maven.setVersion(build.mavenVersion());
        String mavenPurl = "pkg:maven/org.apache.maven/apache-maven@" + build.mavenVersion();
        maven.setPurl(mavenPurl);
        maven.setBomRef(mavenPurl);
        components.add(maven);

        build.buildPlugins().stream()
                .sorted(Comparator.comparing(Coordinates::purl))
                .distinct()
                .forEach(plugin -> components.add(Components.named(Component.Type.APPLICATION, plugin)));

        Formula formula = new Formula();
        formula.setBomRef(FORMULA_REF);
        formula.setComponents(components);
        return formula;
    }

    private boolean supportsFormulation() {
        return options.schemaVersion().getVersion() >= Version.VERSION_15.getVersion();
    }
}
