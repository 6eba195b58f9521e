package dev.provenance.maven;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.AbstractRepositoryListener;
import org.eclipse.aether.DefaultRepositoryCache;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositoryEvent;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.util.listener.ChainedRepositoryListener;

/**
 * A project's dependencies in every scope, resolved the way Maven resolves them before a goal that requires test-scope
 * resolution. The {@code sbom} goal resolves them itself, only when its up-to-date check cannot prove the SBOM
 * current, so that a repeat build does not pay for a resolution it does not use.
 *
 * @param artifacts the resolved artifacts with their files, in Maven's order
 * @param fixedVersions whether no version in the graph came from a range and no artifact outside the reactor is a
 *     snapshot, so that unchanged POMs and files in the local repository resolve to the same graph again
 * @param poms every POM file that the resolution read: those of the artifacts, their parents, imported BOMs and
 *     relocations, sorted
 */
record ProjectArtifacts(List<Artifact> artifacts, boolean fixedVersions, List<Path> poms) {

    ProjectArtifacts {
        artifacts = List.copyOf(artifacts);
        poms = List.copyOf(poms);
    }

    /**
     * Resolves the dependencies of {@code project} in all five scopes.
     *
     * @param reactor the modules of this build by {@code groupId:artifactId:version}. Maven resolves them from the
     *     build itself, so a snapshot version among them does not count against {@link #fixedVersions}.
     */
    static ProjectArtifacts resolve(
            ProjectDependenciesResolver resolver,
            MavenProject project,
            RepositorySystemSession session,
            Set<String> reactor)
            throws DependencyResolutionException {
        // A fresh cache makes the resolver read every POM again instead of reusing what earlier goals of this build
        // read, so that the listener records each one.
        PomRecorder recorder = new PomRecorder();
        DefaultRepositorySystemSession recording = new DefaultRepositorySystemSession(session);
        recording.setCache(new DefaultRepositoryCache());
        recording.setRepositoryListener(
                ChainedRepositoryListener.newInstance(session.getRepositoryListener(), recorder));
        DependencyResolutionResult result =
                resolver.resolve(new DefaultDependencyResolutionRequest(project, recording));
        Set<Artifact> artifacts = new LinkedHashSet<>();
        DependencyNode root = result.getDependencyGraph();
        if (root == null) {
            return new ProjectArtifacts(List.of(), true, recorder.poms());
        }
        RepositoryUtils.toArtifacts(
                artifacts,
                root.getChildren(),
                Collections.singletonList(project.getArtifact().getId()),
                null);
        boolean fixed = artifacts.stream()
                        .noneMatch(artifact -> artifact.isSnapshot()
                                && !reactor.contains(artifact.getGroupId() + ":" + artifact.getArtifactId() + ":"
                                        + artifact.getBaseVersion()))
                && !declaresRange(project)
                && !usesRange(root)
                && !recorder.readMetadata();
        return new ProjectArtifacts(List.copyOf(artifacts), fixed, recorder.poms());
    }

    /**
     * Records the POM files that a resolution reads, and whether it read repository metadata, which only version
     * ranges, {@code LATEST}, {@code RELEASE} and snapshots need.
     */
    private static final class PomRecorder extends AbstractRepositoryListener {

        private final Set<Path> poms = ConcurrentHashMap.newKeySet();
        private volatile boolean metadata;

        @Override
        public void artifactResolved(RepositoryEvent event) {
            if (event.getFile() != null
                    && event.getArtifact() != null
                    && "pom".equals(event.getArtifact().getExtension())) {
                poms.add(event.getFile().toPath().toAbsolutePath().normalize());
            }
        }

        @Override
        public void metadataResolved(RepositoryEvent event) {
            metadata = true;
        }

        List<Path> poms() {
            return poms.stream().sorted().toList();
        }

        boolean readMetadata() {
            return metadata;
        }
    }

    /**
     * Returns whether the project declares or manages a dependency with a version range, or with {@code LATEST} or
     * {@code RELEASE}. The graph cannot tell for the project's own dependencies: once a goal has resolved a range,
     * Maven passes the version it chose to every later resolution of the project.
     */
    private static boolean declaresRange(MavenProject project) {
        List<org.apache.maven.model.Dependency> declared = new ArrayList<>(project.getDependencies());
        if (project.getDependencyManagement() != null) {
            declared.addAll(project.getDependencyManagement().getDependencies());
        }
        return declared.stream()
                .map(org.apache.maven.model.Dependency::getVersion)
                .anyMatch(ProjectArtifacts::isRange);
    }

    private static boolean isRange(String version) {
        return version != null
                && (version.startsWith("[")
                        || version.startsWith("(")
                        || version.equals("LATEST")
                        || version.equals("RELEASE"));
    }

    /** Returns whether any node below {@code root} was resolved from a version range. */
    private static boolean usesRange(DependencyNode root) {
        Set<DependencyNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<DependencyNode> pending = new ArrayDeque<>(root.getChildren());
        while (!pending.isEmpty()) {
            DependencyNode node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node.getVersionConstraint() != null
                    && (node.getVersionConstraint().getRange() != null
                            || isRange(node.getVersionConstraint().toString()))) {
                return true;
            }
            pending.addAll(node.getChildren());
        }
        return false;
    }
}
