package dev.provenance.maven;

import dev.provenance.sbom.Coordinates;
import dev.provenance.sbom.DeclaredLicense;
import dev.provenance.sbom.DependencyGraph;
import dev.provenance.sbom.MavenScope;
import dev.provenance.sbom.ResolvedArtifact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.License;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.util.graph.transformer.ConflictResolver;

/**
 * Reads the dependency graph Maven resolved for a project into the domain's {@link DependencyGraph}.
 *
 * <p>Maven's resolved graph drops every edge to an artifact that another path already reached, so this collects the
 * graph a second time with the conflict resolver in full verbose mode, which keeps those edges as "loser" nodes
 * pointing at the winner. Every edge is then drawn to the artifact Maven actually resolved for that
 * groupId, artifactId, classifier and extension. Nothing is downloaded: the second collection reads the same POMs
 * as the resolution before it, and artifact files come from that resolution.
 */
final class DependencyGraphReader {

    private final ProjectDependenciesResolver resolver;
    private final Log log;

    DependencyGraphReader(ProjectDependenciesResolver resolver, Log log) {
        this.resolver = resolver;
        this.log = log;
    }

    /**
     * Returns the graph of {@code project}.
     *
     * @param artifacts the project's resolved dependencies, as {@link ProjectArtifacts} returns them
     * @param reactorProjects the modules of this build by {@code groupId:artifactId:version}
     */
    DependencyGraph read(
            MavenProject project,
            List<Artifact> artifacts,
            RepositorySystemSession repositorySession,
            Map<String, MavenProject> reactorProjects,
            PomLicenseReader licenseReader)
            throws DependencyResolutionException, IOException {
        Map<String, Artifact> resolved = new HashMap<>();
        for (Artifact artifact : artifacts) {
            resolved.put(key(artifact), artifact);
        }

        DependencyNode root = collectVerbose(project, repositorySession);
        Coordinates rootCoordinates = MavenCoordinates.ofProject(project);
        DependencyGraph graph = new DependencyGraph(rootCoordinates);
        Map<String, String> relocatedFrom = new HashMap<>();

        // Walk every node once; a node shared by several parents is reached through each of them.
        Set<DependencyNode> expanded = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<DependencyNode> pending = new ArrayDeque<>();
        pending.push(root);
        expanded.add(root);
        while (!pending.isEmpty()) {
            DependencyNode node = pending.pop();
            Coordinates from = node == root ? rootCoordinates : coordinatesOf(node, resolved);
            if (from == null) {
                continue;
            }
            for (DependencyNode child : node.getChildren()) {
                Artifact target = resolved.get(key(child.getArtifact()));
                if (target == null) {
                    log.debug("SBOM: " + child.getArtifact() + " is in the collected graph but was not resolved");
                    continue;
                }
                graph.addEdge(from, MavenCoordinates.of(target));
                if (!child.getRelocations().isEmpty()) {
                    org.eclipse.aether.artifact.Artifact original =
                            child.getRelocations().get(0);
                    relocatedFrom.put(
                            key(target),
                            original.getGroupId() + ":" + original.getArtifactId() + ":" + original.getVersion());
                }
                boolean loser = child.getData().get(ConflictResolver.NODE_DATA_WINNER) != null;
                if (!loser && expanded.add(child)) {
                    pending.push(child);
                }
            }
        }

        for (Artifact artifact : artifacts) {
            graph.addArtifact(toResolvedArtifact(project, artifact, relocatedFrom, reactorProjects, licenseReader));
        }
        return graph;
    }

    private DependencyNode collectVerbose(MavenProject project, RepositorySystemSession repositorySession)
            throws DependencyResolutionException {
        DefaultRepositorySystemSession verbose = new DefaultRepositorySystemSession(repositorySession);
        verbose.setConfigProperty(ConflictResolver.CONFIG_PROP_VERBOSE, ConflictResolver.Verbosity.FULL);
        DefaultDependencyResolutionRequest request = new DefaultDependencyResolutionRequest(project, verbose);

        // Collect only: the files are those resolved already.
        request.setResolutionFilter((node, parents) -> false);
        return resolver.resolve(request).getDependencyGraph();
    }

    private static Coordinates coordinatesOf(DependencyNode node, Map<String, Artifact> resolved) {
        if (node.getArtifact() == null) {
            return null;
        }
        Artifact artifact = resolved.get(key(node.getArtifact()));
        return artifact == null ? null : MavenCoordinates.of(artifact);
    }

    private ResolvedArtifact toResolvedArtifact(
            MavenProject project,
            Artifact artifact,
            Map<String, String> relocatedFrom,
            Map<String, MavenProject> reactorProjects,
            PomLicenseReader licenseReader)
            throws IOException {
        MavenScope scope = MavenScope.fromId(artifact.getScope());
        Path file = artifact.getFile() == null ? null : artifact.getFile().toPath();
        MavenProject module = reactorProjects.get(
                artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getBaseVersion());

        String systemPath = null;
        List<DeclaredLicense> licenses;
        if (scope == MavenScope.SYSTEM) {
            systemPath = relativeToProject(project, file);
            licenses = List.of();
        } else if (module != null) {
            licenses = licensesOf(module);
        } else {
            licenses = licenseReader.licensesOf(artifact.getGroupId(), artifact.getArtifactId(), artifact.getVersion());
        }
        return new ResolvedArtifact(
                MavenCoordinates.of(artifact),
                scope,
                artifact.isOptional(),
                file,
                systemPath,
                relocatedFrom.get(key(artifact)),
                module != null,
                licenses);
    }

    static List<DeclaredLicense> licensesOf(MavenProject project) {
        return project.getLicenses().stream()
                .map((License license) -> new DeclaredLicense(license.getName(), license.getUrl()))
                .toList();
    }

    /** Returns the path relative to the project directory when it lies inside it, with forward slashes. */
    private static String relativeToProject(MavenProject project, Path file) {
        if (file == null) {
            return null;
        }
        Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        Path relative = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        return relative.toString().replace('\\', '/');
    }

    /** Identifies an artifact independently of its version, as the conflict resolver does. */
    private static String key(Artifact artifact) {
        String classifier = artifact.getClassifier() == null ? "" : artifact.getClassifier();
        return artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + classifier + ":"
                + artifact.getArtifactHandler().getExtension();
    }

    private static String key(org.eclipse.aether.artifact.Artifact artifact) {
        return artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getClassifier() + ":"
                + artifact.getExtension();
    }
}
