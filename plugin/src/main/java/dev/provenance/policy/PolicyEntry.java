package dev.provenance.policy;

import dev.provenance.openpgp.Fingerprint;
import java.util.List;

/**
 * One {@code allow} or {@code deny} line of a policy: the pattern it applies to and, for {@code allow}, the accepted
 * signing keys, the pinned checksums and the exemptions it grants.
 */
public record PolicyEntry(
        Action action,
        CoordinatePattern pattern,
        List<Fingerprint> keys,
        List<Checksum> checksums,
        List<Exemption> exemptions,
        String reason,
        int line) {

    /** Whether an entry allows or denies the artifacts its pattern matches. */
    public enum Action {
        ALLOW,
        DENY
    }

    public PolicyEntry {
        keys = List.copyOf(keys);
        checksums = List.copyOf(checksums);
        exemptions = List.copyOf(exemptions);
    }

    /** Returns whether this entry applies to the artifact. */
    public boolean matches(ArtifactCoordinates coordinates) {
        return pattern.matches(coordinates);
    }
}
