package dev.provenance.sbom;

import dev.provenance.source.SourceRevision;
import java.time.Instant;
import java.util.List;

/**
 * Facts about the build that the SBOM records beyond its dependencies.
 *
 * @param project the project's coordinates, with its packaging's artifact type as {@code type}
 * @param name the project's name, or null
 * @param description the project's description, or null
 * @param licenses the project's licenses
 * @param timestamp the time to record as the SBOM's creation time
 * @param source the git commit and remote of the checkout, or null outside a git checkout
 * @param mavenVersion the version of Maven that runs the build
 * @param buildPlugins the build's plugins with their versions
 * @param tool this plugin's coordinates
 */
public record BuildInfo(
        Coordinates project,
        String name,
        String description,
        List<DeclaredLicense> licenses,
        Instant timestamp,
        SourceRevision source,
        String mavenVersion,
        List<Coordinates> buildPlugins,
        Coordinates tool) {

    public BuildInfo {
        licenses = List.copyOf(licenses);
        buildPlugins = List.copyOf(buildPlugins);
    }
}
