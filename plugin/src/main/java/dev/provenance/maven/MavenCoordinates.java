package dev.provenance.maven;

import dev.provenance.sbom.Coordinates;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;

/** Converts Maven's artifacts, projects and plugins into domain {@link Coordinates}. */
final class MavenCoordinates {

    private MavenCoordinates() {}

    /** Returns the coordinates of a resolved artifact, with its base version so snapshots read {@code -SNAPSHOT}. */
    static Coordinates of(Artifact artifact) {
        return new Coordinates(
                artifact.getGroupId(),
                artifact.getArtifactId(),
                artifact.getBaseVersion(),
                artifact.getClassifier(),
                artifact.getType());
    }

    /** Returns the coordinates of a project, typed by the artifact its packaging produces. */
    static Coordinates ofProject(MavenProject project) {
        return new Coordinates(
                project.getGroupId(),
                project.getArtifactId(),
                project.getVersion(),
                null,
                project.getArtifact().getType());
    }

    /** Returns the coordinates of a build plugin. */
    static Coordinates ofPlugin(Plugin plugin) {
        return new Coordinates(plugin.getGroupId(), plugin.getArtifactId(), plugin.getVersion(), null, "maven-plugin");
    }
}
