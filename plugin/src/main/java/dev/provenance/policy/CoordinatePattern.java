package dev.provenance.policy;

import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.aether.util.version.GenericVersionScheme;
import org.eclipse.aether.version.InvalidVersionSpecificationException;
import org.eclipse.aether.version.VersionConstraint;
import org.eclipse.aether.version.VersionScheme;

/**
 * A pattern over {@code groupId:artifactId:version:classifier:type}.
 *
 * <p>Parts left out at the end match anything. In each part {@code *} matches any run of characters. The version part
 * may instead be a Maven version range such as {@code [2.12,3)} or {@code [1.0]}, compared the way Maven compares
 * versions; a bare version such as {@code 1.2} matches only {@code 1.2}. An empty classifier part matches only
 * artifacts without a classifier.
 */
public final class CoordinatePattern {

    private static final VersionScheme VERSIONS = new GenericVersionScheme();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.*-]+");
    private static final List<String> PART_NAMES = List.of("groupId", "artifactId", "version", "classifier", "type");

    private final String text;
    private final Pattern groupId;
    private final Pattern artifactId;
    private final Pattern versionGlob;
    private final VersionConstraint versionRange;
    private final Pattern classifier;
    private final Pattern type;

    private CoordinatePattern(String text, String[] parts) {
        this.text = text;
        this.groupId = glob(parts[0]);
        this.artifactId = glob(parts[1]);
        this.versionRange = isRange(parts[2]) ? range(parts[2]) : null;
        this.versionGlob = isRange(parts[2]) ? null : glob(parts[2]);
        this.classifier = glob(parts[3]);
        this.type = glob(parts[4]);
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException naming the part that is invalid and the expected form
     */
    public static CoordinatePattern parse(String text) {
        String[] given = text.split(":", -1);
        if (given.length > 5) {
            throw new IllegalArgumentException("invalid pattern '" + text
                    + "': it has " + given.length + " parts, but the most is 5:"
                    + " groupId:artifactId:version:classifier:type");
        }
        String[] parts = {"*", "*", "*", "*", "*"};
        for (int i = 0; i < given.length; i++) {
            checkPart(text, i, given[i]);
            parts[i] = given[i];
        }
        return new CoordinatePattern(text, parts);
    }

    /** Returns whether the coordinates match every part of this pattern. */
    public boolean matches(ArtifactCoordinates coordinates) {
        return groupId.matcher(coordinates.groupId()).matches()
                && artifactId.matcher(coordinates.artifactId()).matches()
                && matchesVersion(coordinates.version())
                && classifier.matcher(coordinates.classifier()).matches()
                && type.matcher(coordinates.type()).matches();
    }

    private boolean matchesVersion(String version) {
        if (versionGlob != null) {
            return versionGlob.matcher(version).matches();
        }
        try {
            return versionRange.containsVersion(VERSIONS.parseVersion(version));
        } catch (InvalidVersionSpecificationException e) {
            return false;
        }
    }

    private static void checkPart(String text, int index, String part) {
        String name = PART_NAMES.get(index);
        if (part.isEmpty()) {
            if (index == 3) {
                return;
            }
            throw new IllegalArgumentException(
                    "invalid pattern '" + text + "': the " + name + " is empty; write * to match any " + name);
        }
        if (index == 2 && isRange(part)) {
            range(part);
            return;
        }
        if (!NAME.matcher(part).matches()) {
            throw new IllegalArgumentException("invalid pattern '" + text + "': the " + name + " '" + part
                    + "' may contain only letters, digits, '.', '_', '-' and the wildcard '*'"
                    + (index == 2 ? ", or be a version range such as [1.0,2.0)" : ""));
        }
    }

    private static boolean isRange(String part) {
        return part.startsWith("[") || part.startsWith("(");
    }

    private static VersionConstraint range(String part) {
        try {
            VersionConstraint constraint = VERSIONS.parseVersionConstraint(part);
            if (constraint.getRange() == null) {
                throw new InvalidVersionSpecificationException(part, "not a range");
            }
            return constraint;
        } catch (InvalidVersionSpecificationException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "invalid version range '" + part + "': write a Maven range such as [1.0], [1.0,2.0) or (,1.5]", e);
        }
    }

    private static Pattern glob(String part) {
        StringBuilder regex = new StringBuilder();
        for (String literal : part.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return text;
    }
}
