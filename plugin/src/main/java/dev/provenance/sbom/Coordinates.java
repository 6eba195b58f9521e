package dev.provenance.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Maven coordinates of one artifact. {@code type} is the dependency type ({@code jar}, {@code test-jar},
 * {@code pom}, …), not the file extension, and {@code classifier} is empty when the artifact has none.
 */
public record Coordinates(String groupId, String artifactId, String version, String classifier, String type) {

    public Coordinates {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
        classifier = classifier == null ? "" : classifier;
        type = type == null || type.isEmpty() ? "jar" : type;
    }

    /**
     * Returns the package URL, {@code pkg:maven/group/artifact@version?classifier=…&type=…}, in canonical form:
     * qualifiers sorted by name, {@code type} always present, {@code classifier} only when not empty.
     */
    public String purl() {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        if (!classifier.isEmpty()) {
            qualifiers.put("classifier", classifier);
        }
        qualifiers.put("type", type);
        try {
            return new PackageURL("maven", groupId, artifactId, version, qualifiers, null).canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("cannot form a package URL from " + this + ": " + e.getMessage(), e);
        }
    }

    /** Returns {@code groupId:artifactId:version}. */
    public String gav() {
        return groupId + ":" + artifactId + ":" + version;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + type;
    }
}
