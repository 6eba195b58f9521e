package dev.provenance.maven;

import dev.provenance.sbom.Coordinates;
import dev.provenance.sbom.ModuleSbom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;

/**
 * Collects the SBOMs the modules of one build write, so that the module that finishes last can write the aggregate.
 *
 * <p>A parallel build ({@code -T}) gives each module thread its own copy of the session, but all copies share the
 * execution request, so the registry is keyed by that request. The modules expected are those that run the
 * {@code sbom} goal: all of them when it was named on the command line, otherwise those whose build declares an
 * execution of it.
 */
final class ReactorSbomRegistry {

    static final String GOAL = "sbom";

    private static final Map<MavenExecutionRequest, ReactorSbomRegistry> REGISTRIES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final Set<String> expected;
    private final Set<String> finished = new HashSet<>();
    /** The SBOM of each module by project id; a module that runs the goal twice keeps the later one. */
    private final Map<String, ModuleSbom> written = new HashMap<>();

    private final Set<Coordinates> buildPlugins = new LinkedHashSet<>();
    private boolean aggregated;

    private ReactorSbomRegistry(Set<String> expected) {
        this.expected = expected;
    }

    /** Returns the registry of the build that {@code session} belongs to. */
    static ReactorSbomRegistry of(MavenSession session, String pluginKey) {
        return REGISTRIES.computeIfAbsent(
                session.getRequest(), request -> new ReactorSbomRegistry(expectedModules(session, pluginKey)));
    }

    /**
     * Records that {@code project} finished, with the SBOM it wrote or null when it skipped, and returns every
     * module's SBOM, sorted by module, when this was the last expected module.
     */
    synchronized Optional<List<ModuleSbom>> finish(
            MavenProject project, ModuleSbom sbom, List<Coordinates> projectPlugins) {
        finished.add(project.getId());
        if (sbom != null) {
            written.put(project.getId(), sbom);
            buildPlugins.addAll(projectPlugins);
        }
        if (aggregated || !finished.containsAll(expected)) {
            return Optional.empty();
        }
        aggregated = true;
        List<ModuleSbom> modules = new ArrayList<>(written.values());
        modules.sort(Comparator.comparing(module -> module.module().purl()));
        return Optional.of(modules);
    }

    /** Returns the build plugins of every module that wrote an SBOM. */
    synchronized List<Coordinates> buildPlugins() {
        return List.copyOf(buildPlugins);
    }

    /** Returns whether the build runs this goal in more than one module, so an aggregate is worth writing. */
    boolean isMultiModule() {
        return expected.size() > 1;
    }

    private static Set<String> expectedModules(MavenSession session, String pluginKey) {
        boolean fromCommandLine = session.getGoals().stream().anyMatch(ReactorSbomRegistry::namesThisGoal);
        Set<String> modules = new HashSet<>();
        for (MavenProject project : session.getProjects()) {
            if (fromCommandLine || declaresGoal(project, pluginKey)) {
                modules.add(project.getId());
            }
        }
        return modules;
    }

    /** Matches {@code provenance:sbom} and {@code dev.provenance:provenance-maven-plugin[:version]:sbom}. */
    private static boolean namesThisGoal(String goal) {
        return goal.endsWith(":" + GOAL)
                && (goal.startsWith("provenance:") || goal.contains("provenance-maven-plugin"));
    }

    private static boolean declaresGoal(MavenProject project, String pluginKey) {
        for (Plugin plugin : project.getBuildPlugins()) {
            if (!plugin.getKey().equals(pluginKey)) {
                continue;
            }
            for (PluginExecution execution : plugin.getExecutions()) {
                if (execution.getGoals().contains(GOAL)) {
                    return true;
                }
            }
        }
        return false;
    }
}
