package dev.provenance.maven;

import dev.provenance.policy.ArtifactCoordinates;
import dev.provenance.policy.ResolvedArtifact;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.RepositoryOfflineException;

/**
 * Lists what a build resolves for one project: its dependencies in the chosen scopes, the POMs and parent POMs of
 * those and of the project, and the build plugins with their dependencies. Each comes with its {@code .asc} from the
 * same repositories and the dependency path that brought it in. Modules of the reactor are left out.
 */
final class DependencyCollector {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final MavenProject project;
    private final Set<String> reactor;
    private final Log log;
    private final Map<String, Pending> artifacts = new LinkedHashMap<>();

    DependencyCollector(
            RepositorySystem system,
            RepositorySystemSession session,
            MavenProject project,
            List<MavenProject> reactorProjects,
            Log log) {
        this.system = system;
        this.session = session;
        this.project = project;
        this.reactor = reactorProjects.stream()
                .map(p -> p.getGroupId() + ":" + p.getArtifactId() + ":" + p.getVersion())
                .collect(Collectors.toSet());
        this.log = log;
    }

    /** Adds the project's resolved dependencies whose scope is one of {@code scopes}. */
    void addDependencies(Set<String> scopes) {
        for (Artifact artifact : project.getArtifacts()) {
            if (!scopes.contains(artifact.getScope())) {
                log.debug("Skipping " + artifact + ": scope " + artifact.getScope() + " is not checked");
                continue;
            }
            ArtifactCoordinates coordinates = new ArtifactCoordinates(
                    artifact.getGroupId(),
                    artifact.getArtifactId(),
                    artifact.getBaseVersion(),
                    artifact.getClassifier(),
                    artifact.getArtifactHandler().getExtension());
            boolean systemScope = Artifact.SCOPE_SYSTEM.equals(artifact.getScope());
            add(
                    coordinates,
                    artifact.getFile().toPath(),
                    trail(artifact),
                    systemScope,
                    project.getRemoteProjectRepositories());
        }
    }

    /** Adds the POM and parent POMs of every artifact added so far, and the project's own parent POMs. */
    void addPoms() {
        for (Pending pending : List.copyOf(artifacts.values())) {
            if (!pending.systemScope && !"pom".equals(pending.coordinates.type())) {
                addPomChain(
                        pending.coordinates.groupId(),
                        pending.coordinates.artifactId(),
                        pending.coordinates.version(),
                        pending.path,
                        pending.repositories);
            }
        }
        Parent parent = project.getModel().getParent();
        if (parent != null) {
            addPomChain(
                    parent.getGroupId(),
                    parent.getArtifactId(),
                    parent.getVersion(),
                    List.of(projectName(), "parent"),
                    project.getRemoteProjectRepositories());
        }
    }

    /** Adds the build plugins and their dependencies, resolved as Maven resolves them to run the plugins. */
    void addPlugins() throws DependencyResolutionException {
        for (Plugin plugin : project.getBuildPlugins()) {
            if (isReactorModule(plugin.getGroupId(), plugin.getArtifactId(), plugin.getVersion())) {
                log.info("Skipping plugin " + plugin.getKey() + ": it is a module of this build");
                continue;
            }
            CollectRequest request = new CollectRequest();
            request.setRoot(new Dependency(
                    new DefaultArtifact(plugin.getGroupId(), plugin.getArtifactId(), "", "jar", plugin.getVersion()),
                    "runtime"));
            for (org.apache.maven.model.Dependency extra : plugin.getDependencies()) {
                request.addDependency(new Dependency(
                        new DefaultArtifact(
                                extra.getGroupId(),
                                extra.getArtifactId(),
                                extra.getClassifier(),
                                extra.getType() == null ? "jar" : extra.getType(),
                                extra.getVersion()),
                        "runtime"));
            }
            request.setRepositories(project.getRemotePluginRepositories());
            DependencyNode root = system.resolveDependencies(session, new DependencyRequest(request, null))
                    .getRoot();
            List<String> path = new ArrayList<>(List.of(projectName(), "plugin"));
            addNode(root, path, project.getRemotePluginRepositories());
        }
    }

    private void addNode(DependencyNode node, List<String> parentPath, List<RemoteRepository> repositories) {
        org.eclipse.aether.artifact.Artifact artifact = node.getArtifact();
        if (artifact == null || artifact.getFile() == null) {
            return;
        }
        List<String> path = new ArrayList<>(parentPath);
        path.add(artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getBaseVersion());
        ArtifactCoordinates coordinates = new ArtifactCoordinates(
                artifact.getGroupId(),
                artifact.getArtifactId(),
                artifact.getBaseVersion(),
                artifact.getClassifier(),
                artifact.getExtension());
        add(coordinates, artifact.getFile().toPath(), path, false, repositories);
        for (DependencyNode child : node.getChildren()) {
            addNode(child, path, repositories);
        }
    }

    /**
     * Resolves the {@code .asc} of every artifact added, in one batch so the resolver can fetch them in parallel, and
     * returns the artifacts in the order they were added.
     */
    List<ResolvedArtifact> resolveSignatures() {
        List<Pending> pending = List.copyOf(artifacts.values());
        List<ArtifactRequest> requests = new ArrayList<>();
        for (Pending artifact : pending) {
            ArtifactCoordinates c = artifact.coordinates;
            DefaultArtifact signature =
                    new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), c.type() + ".asc", c.version());
            requests.add(new ArtifactRequest(signature, artifact.repositories, null));
        }
        List<ArtifactResult> found;
        try {
            found = system.resolveArtifacts(session, requests);
        } catch (ArtifactResolutionException e) {
            found = e.getResults();
        }

        List<ResolvedArtifact> result = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            result.add(withSignature(pending.get(i), found.get(i)));
        }
        return result;
    }

    private static ResolvedArtifact withSignature(Pending pending, ArtifactResult found) {
        if (pending.systemScope) {
            return new ResolvedArtifact(pending.coordinates, pending.file, null, null, pending.path, true);
        }
        if (found.isResolved()) {
            Path signature = found.getArtifact().getFile().toPath();
            return new ResolvedArtifact(pending.coordinates, pending.file, signature, null, pending.path, false);
        }

        // Absent from every repository means unsigned. Any other failure is reported as a failed download, including
        // an offline build whose local repository lacks the .asc, which the resolver reports as "not found" too.
        boolean notFound = found.getExceptions().stream()
                .allMatch(e -> e instanceof ArtifactNotFoundException
                        && !(e.getCause() instanceof RepositoryOfflineException));
        String error = notFound
                ? null
                : found.getExceptions().stream().map(Exception::getMessage).collect(Collectors.joining("; "));
        return new ResolvedArtifact(pending.coordinates, pending.file, null, error, pending.path, false);
    }

    private void addPomChain(
            String groupId, String artifactId, String version, List<String> path, List<RemoteRepository> repositories) {
        List<String> chainPath = new ArrayList<>(path);
        for (int depth = 0; depth < 32 && groupId != null; depth++) {
            if (isReactorModule(groupId, artifactId, version)) {
                return;
            }
            ArtifactCoordinates pom = new ArtifactCoordinates(groupId, artifactId, version, "", "pom");
            if (artifacts.containsKey(pom.toString())) {
                return;
            }
            Path file = resolvePom(groupId, artifactId, version, repositories);
            if (file == null) {
                return;
            }
            add(pom, file, chainPath, false, repositories);
            Parent parent = readParent(file);
            if (parent == null) {
                return;
            }
            chainPath = new ArrayList<>(chainPath);
            chainPath.add("parent " + parent.getGroupId() + ":" + parent.getArtifactId() + ":" + parent.getVersion());
            groupId = parent.getGroupId();
            artifactId = parent.getArtifactId();
            version = parent.getVersion();
        }
    }

    private Path resolvePom(String groupId, String artifactId, String version, List<RemoteRepository> repositories) {
        try {
            DefaultArtifact pom = new DefaultArtifact(groupId, artifactId, "", "pom", version);
            return system.resolveArtifact(session, new ArtifactRequest(pom, repositories, null))
                    .getArtifact()
                    .getFile()
                    .toPath();
        } catch (ArtifactResolutionException e) {
            log.warn("Could not resolve the POM " + groupId + ":" + artifactId + ":" + version
                    + ", so it is not checked: " + e.getMessage());
            return null;
        }
    }

    private Parent readParent(Path pom) {
        try (Reader reader = Files.newBufferedReader(pom)) {
            Model model = new MavenXpp3Reader().read(reader, false);
            return model.getParent();
        } catch (IOException | XmlPullParserException e) {
            log.warn("Could not read the parent of " + pom + ", so its parents are not checked: " + e.getMessage());
            return null;
        }
    }

    private void add(
            ArtifactCoordinates coordinates,
            Path file,
            List<String> path,
            boolean systemScope,
            List<RemoteRepository> repositories) {
        if (isReactorModule(coordinates.groupId(), coordinates.artifactId(), coordinates.version())) {
            log.info("Skipping " + coordinates + ": it is a module of this build");
            return;
        }
        artifacts.putIfAbsent(coordinates.toString(), new Pending(coordinates, file, path, systemScope, repositories));
    }

    private boolean isReactorModule(String groupId, String artifactId, String version) {
        return reactor.contains(groupId + ":" + artifactId + ":" + version);
    }

    private List<String> trail(Artifact artifact) {
        List<String> trail = artifact.getDependencyTrail();
        if (trail == null || trail.isEmpty()) {
            return List.of(projectName(), artifact.getId());
        }
        List<String> path = new ArrayList<>();
        path.add(projectName());
        for (String element : trail.subList(1, trail.size())) {
            path.add(shorten(element));
        }
        return path;
    }

    /** Turns a trail element {@code g:a:type[:classifier]:version} into {@code g:a:version}. */
    private static String shorten(String element) {
        String[] parts = element.split(":");
        return parts.length >= 4 ? parts[0] + ":" + parts[1] + ":" + parts[parts.length - 1] : element;
    }

    private String projectName() {
        return project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
    }

    private record Pending(
            ArtifactCoordinates coordinates,
            Path file,
            List<String> path,
            boolean systemScope,
            List<RemoteRepository> repositories) {}
}
