package dev.provenance.policy;

import java.util.Objects;

/**
 * The coordinates of one resolved artifact, written {@code groupId:artifactId:version:classifier:type}. The classifier
 * is empty for the main artifact, so a POM reads {@code org.example:lib:1.0::pom}.
 */
public record ArtifactCoordinates(String groupId, String artifactId, String version, String classifier, String type) {

    public ArtifactCoordinates {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
        classifier = classifier == null ? "" : classifier;
        Objects.requireNonNull(type, "type");
    }

    /** Parses {@code groupId:artifactId:version[:classifier[:type]]}; the type defaults to {@code jar}. */
    public static ArtifactCoordinates parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw new IllegalArgumentException(
                    "invalid coordinates '" + text + "': expected groupId:artifactId:version[:classifier[:type]]");
        }
        String classifier = parts.length > 3 ? parts[3] : "";
        String type = parts.length > 4 ? parts[4] : "jar";
        return new ArtifactCoordinates(parts[0], parts[1], parts[2], classifier, type);
    }

    /** Returns these coordinates with another type, such as {@code pom} for the artifact's POM. */
    public ArtifactCoordinates withType(String newType) {
        return new ArtifactCoordinates(groupId, artifactId, version, "", newType);
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + ":" + classifier + ":" + type;
    }
}
