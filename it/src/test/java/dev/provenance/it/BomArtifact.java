package dev.provenance.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Maven artifact that a test expects in an SBOM, with the package URL the SBOM must give it and the file in the
 * local repository whose digests it must carry.
 */
record BomArtifact(String groupId, String artifactId, String version, String classifier, String type) {

    static BomArtifact jar(String groupId, String artifactId, String version) {
        return new BomArtifact(groupId, artifactId, version, null, "jar");
    }

    static BomArtifact classified(String groupId, String artifactId, String version, String classifier) {
        return new BomArtifact(groupId, artifactId, version, classifier, "jar");
    }

    /**
     * Returns {@code pkg:maven/<groupId>/<artifactId>@<version>} with the qualifiers {@code classifier} (when there is
     * one) and {@code type}, in alphabetical order.
     */
    String purl() {
        List<String> qualifiers = new ArrayList<>();
        if (classifier != null) {
            qualifiers.add("classifier=" + classifier);
        }
        qualifiers.add("type=" + type);
        return "pkg:maven/" + groupId + "/" + artifactId + "@" + version + "?" + String.join("&", qualifiers);
    }

    /** Returns the artifact's file in the local repository that the sample builds use. */
    Path file() {
        return SampleBuild.artifactFile(groupId, artifactId, version, classifier, fileExtension());
    }

    /** Returns the POM of the artifact in the local repository. */
    Path pom() {
        return SampleBuild.artifactFile(groupId, artifactId, version, null, "pom");
    }

    private String fileExtension() {
        // Maven's artifact handlers give test-jar and maven-plugin files the extension jar.
        return switch (type) {
            case "test-jar", "maven-plugin", "ejb" -> "jar";
            default -> type;
        };
    }
}
