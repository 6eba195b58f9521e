package dev.provenance.sbom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Property;
import org.cyclonedx.parsers.JsonParser;

/**
 * Merges the SBOMs of the modules of one build into a single SBOM whose root is the top-level project. Every module
 * appears as a first-party component, with an edge from the module that lists it, and keeps the dependency edges of
 * its own SBOM. A component that several modules resolve appears once, with the widest scope any of them gave it.
 */
public final class SbomAggregator {

    private final SbomBuilder builder;

    public SbomAggregator(SbomOptions options) {
        this.builder = new SbomBuilder(options);
    }

    /**
     * Returns the aggregate SBOM.
     *
     * @param topLevel facts about the top-level project; its build plugins should be the union over all modules
     * @param modules every module's SBOM, the top-level project's included when it wrote one
     * @throws IOException when a module's SBOM cannot be read
     */
    public Bom aggregate(BuildInfo topLevel, List<ModuleSbom> modules) throws IOException {
        String rootRef = topLevel.project().purl();
        SortedMap<String, Component> components = new TreeMap<>();
        SortedMap<String, SortedSet<String>> edges = new TreeMap<>();
        edges.put(rootRef, new TreeSet<>());

        for (ModuleSbom module : modules) {
            Bom bom = parse(module);
            for (Component component : nullToEmpty(bom.getComponents())) {
                components.merge(component.getBomRef(), component, SbomAggregator::wider);
            }
            for (Dependency dependency : nullToEmpty(bom.getDependencies())) {
                SortedSet<String> targets = edges.computeIfAbsent(dependency.getRef(), ref -> new TreeSet<>());
                for (Dependency target : nullToEmpty(dependency.getDependencies())) {
                    targets.add(target.getRef());
                }
            }
        }

        // Modules are first-party components, listed by the module that declares them.
        for (ModuleSbom module : modules) {
            String ref = module.module().purl();
            if (ref.equals(rootRef)) {
                continue;
            }
            Component component = components.get(ref);
            if (component == null) {
                component = moduleComponent(module);
                components.put(ref, component);
            }
            markReactorModule(component);
            String parentRef =
                    module.parent() == null ? rootRef : module.parent().purl();
            edges.computeIfAbsent(parentRef, key -> new TreeSet<>()).add(ref);
            edges.computeIfAbsent(ref, key -> new TreeSet<>());
        }
        components.remove(rootRef);

        Bom aggregate = builder.build(new DependencyGraph(topLevel.project()), topLevel);
        aggregate.setComponents(new ArrayList<>(components.values()));
        aggregate.setDependencies(dependencies(edges));
        return aggregate;
    }

    private static Bom parse(ModuleSbom module) throws IOException {
        try {
            return new JsonParser().parse(module.jsonFile().toFile());
        } catch (ParseException e) {
            throw new IOException(
                    "could not read the SBOM of " + module.module() + " from " + module.jsonFile() + ": "
                            + e.getMessage() + "; run the build again so that the module rewrites it",
                    e);
        }
    }

    /** Returns the component whose scope ships more widely: required, then optional, then excluded. */
    private static Component wider(Component first, Component second) {
        return rank(second.getScope()) > rank(first.getScope()) ? second : first;
    }

    private static int rank(Component.Scope scope) {
        if (scope == null || scope == Component.Scope.REQUIRED) {
            return 3;
        }
        return scope == Component.Scope.OPTIONAL ? 2 : 1;
    }

    private static Component moduleComponent(ModuleSbom sbom) throws IOException {
        Component component = Components.named(Component.Type.LIBRARY, sbom.module());
        component.setScope(Component.Scope.REQUIRED);
        component.setHashes(Components.hashesOf(sbom.artifactFile()));
        return component;
    }

    private static void markReactorModule(Component component) {
        List<Property> properties = new ArrayList<>(nullToEmpty(component.getProperties()));
        if (properties.stream().noneMatch(property -> property.getName().equals(SbomProperties.REACTOR_MODULE))) {
            properties.add(new Property(SbomProperties.REACTOR_MODULE, "true"));
        }
        properties.sort(Comparator.comparing(Property::getName));
        component.setProperties(properties);
    }

    private static List<Dependency> dependencies(Map<String, SortedSet<String>> edges) {
        List<Dependency> dependencies = new ArrayList<>();
        edges.forEach((from, targets) -> {
            Dependency node = new Dependency(from);
            targets.forEach(to -> node.addDependency(new Dependency(to)));
            dependencies.add(node);
        });
        return dependencies;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
