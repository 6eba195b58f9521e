package dev.provenance.sbom;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A resolved dependency graph: the project as root, every artifact the build resolved, and every edge between
 * them. An artifact that several parents depend on has an edge from each. Artifacts and edges are keyed by package
 * URL, so iteration order is stable.
 */
public final class DependencyGraph {

    private final Coordinates root;
    private final SortedMap<String, ResolvedArtifact> artifacts = new TreeMap<>();
    private final SortedMap<String, SortedSet<String>> edges = new TreeMap<>();

    public DependencyGraph(Coordinates root) {
        this.root = root;
        edges.put(root.purl(), new TreeSet<>());
    }

    public Coordinates root() {
        return root;
    }

    /** Adds an artifact; a second artifact with the same package URL replaces the first. */
    public void addArtifact(ResolvedArtifact artifact) {
        String purl = artifact.coordinates().purl();
        artifacts.put(purl, artifact);
        edges.computeIfAbsent(purl, key -> new TreeSet<>());
    }

    /** Adds an edge: the artifact or project {@code from} depends on {@code to}. */
    public void addEdge(Coordinates from, Coordinates to) {
        edges.computeIfAbsent(from.purl(), key -> new TreeSet<>()).add(to.purl());
    }

    /** Returns the artifacts, sorted by package URL. */
    public Map<String, ResolvedArtifact> artifacts() {
        return Collections.unmodifiableSortedMap(artifacts);
    }

    /** Returns the package URLs that {@code purl} depends on, sorted. */
    public Set<String> dependenciesOf(String purl) {
        return Collections.unmodifiableSortedSet(edges.getOrDefault(purl, Collections.emptySortedSet()));
    }

    /** Returns every node with its outgoing edges, including the root and artifacts without dependencies. */
    public Map<String, SortedSet<String>> edges() {
        return Collections.unmodifiableSortedMap(edges);
    }
}
