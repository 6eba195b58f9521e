package dev.provenance.sbom;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One artifact of a resolved dependency graph.
 *
 * @param coordinates the coordinates after relocation
 * @param scope the scope Maven resolved it with: the widest of all paths that reach it
 * @param optional whether the project declares it {@code <optional>true</optional>}
 * @param file the resolved file, or null when there is none (a reactor module that has not been packaged)
 * @param systemPath for {@code system} scope, the declared path, relative to the project when inside it
 * @param relocatedFrom the {@code groupId:artifactId:version} the project asked for when the repository relocated
 *     it, or null
 * @param reactorModule whether the artifact is a module of the same build, so first-party
 * @param licenses the licenses of its POM, inherited from its parents when the POM declares none
 */
public record ResolvedArtifact(
        Coordinates coordinates,
        MavenScope scope,
        boolean optional,
        Path file,
        String systemPath,
        String relocatedFrom,
        boolean reactorModule,
        List<DeclaredLicense> licenses) {

    public ResolvedArtifact {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(scope, "scope");
        licenses = List.copyOf(licenses);
    }
}
