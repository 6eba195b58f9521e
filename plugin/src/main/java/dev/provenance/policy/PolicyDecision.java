package dev.provenance.policy;

import dev.provenance.openpgp.Fingerprint;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A policy's decision on one artifact: whether it is allowed or denied, the keys it accepts for it, the checksums it
 * pins and the exemptions that apply today.
 *
 * @param allowEntries the {@code allow} entries whose pattern matches
 * @param denyEntries the {@code deny} entries whose pattern matches
 * @param acceptedKeys the fingerprints of every matching {@code allow} entry
 * @param checksums the pins of every matching {@code allow} entry; the artifact must match all of them
 * @param unsigned the exemption that allows the artifact unsigned, if one applies today
 * @param noChecksum the exemption that lets the artifact go without a pin, if one applies today
 * @param overrideDeny the exemption that overrides the matching {@code deny} entries, if one applies today
 * @param expired exemptions that match the artifact but whose expiry date has passed
 */
public record PolicyDecision(
        List<PolicyEntry> allowEntries,
        List<PolicyEntry> denyEntries,
        Set<Fingerprint> acceptedKeys,
        List<Checksum> checksums,
        Optional<Exemption> unsigned,
        Optional<Exemption> noChecksum,
        Optional<Exemption> overrideDeny,
        List<Exemption> expired) {

    /** Returns whether a {@code deny} entry matches and no {@code override-deny} exemption lifts it. */
    public boolean denied() {
        return !denyEntries.isEmpty() && overrideDeny.isEmpty();
    }

    /** Returns whether an {@code allow} entry matches. */
    public boolean allowed() {
        return !allowEntries.isEmpty();
    }

    /** Returns whether the artifact must match a pinned checksum. */
    public boolean checksumRequired() {
        return noChecksum.isEmpty();
    }
}
