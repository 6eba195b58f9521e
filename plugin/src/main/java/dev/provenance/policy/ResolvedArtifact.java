package dev.provenance.policy;

import java.nio.file.Path;
import java.util.List;

/**
 * An artifact the build resolved, with its detached signature and the dependency path that brought it in.
 *
 * @param coordinates the artifact's coordinates
 * @param file the artifact file in the local repository
 * @param signatureFile the {@code .asc} file, or null when the repository has none
 * @param signatureError why the {@code .asc} could not be downloaded, or null when it was found or is absent
 * @param path the dependency path from the project to the artifact, such as {@code [project, a, b]}
 * @param systemScope whether the artifact is a {@code system}-scope dependency, read from a path outside any repository
 */
public record ResolvedArtifact(
        ArtifactCoordinates coordinates,
        Path file,
        Path signatureFile,
        String signatureError,
        List<String> path,
        boolean systemScope) {

    public ResolvedArtifact {
        path = List.copyOf(path);
    }

    /** Returns the dependency path written {@code project -> a -> b}. */
    public String pathText() {
        return String.join(" -> ", path);
    }
}
