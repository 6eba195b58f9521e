package dev.provenance.policy;

import dev.provenance.openpgp.Fingerprint;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed policy file: which artifacts are allowed or denied, which keys must sign them, which checksums they must
 * match, and where the public keys come from.
 *
 * @param file the policy file
 * @param digest the SHA-256 of the file's bytes, in hex; it identifies this policy in cached results
 * @param keyrings the keyring files and folders, resolved against the policy file's folder
 * @param keyservers the HKP or HKPS servers to fetch missing keys from, in the order to try them
 * @param weakHashes the weak signature hash algorithms that a reviewed entry allows, by upper-case name
 * @param entries the {@code allow} and {@code deny} entries in file order
 */
public record Policy(
        Path file,
        String digest,
        List<Path> keyrings,
        List<URI> keyservers,
        Map<String, Exemption> weakHashes,
        List<PolicyEntry> entries) {

    public Policy {
        keyrings = List.copyOf(keyrings);
        keyservers = List.copyOf(keyservers);
        weakHashes = Map.copyOf(weakHashes);
        entries = List.copyOf(entries);
    }

    /** Returns this policy's decision on the artifact for the given day, which decides whether exemptions apply. */
    public PolicyDecision decide(ArtifactCoordinates coordinates, LocalDate today) {
        List<PolicyEntry> allows = new ArrayList<>();
        List<PolicyEntry> denies = new ArrayList<>();
        Set<Fingerprint> keys = new LinkedHashSet<>();
        Set<Checksum> checksums = new LinkedHashSet<>();
        List<Exemption> active = new ArrayList<>();
        List<Exemption> expired = new ArrayList<>();

        // Deny entries and allow entries are collected separately, so a deny anywhere in the file wins over allows.
        for (PolicyEntry entry : entries) {
            if (!entry.matches(coordinates)) {
                continue;
            }
            if (entry.action() == PolicyEntry.Action.DENY) {
                denies.add(entry);
                continue;
            }
            allows.add(entry);
            keys.addAll(entry.keys());
            checksums.addAll(entry.checksums());
            for (Exemption exemption : entry.exemptions()) {
                (exemption.appliesOn(today) ? active : expired).add(exemption);
            }
        }
        return new PolicyDecision(
                allows,
                denies,
                keys,
                List.copyOf(checksums),
                first(active, Exemption.Kind.UNSIGNED),
                first(active, Exemption.Kind.NO_CHECKSUM),
                first(active, Exemption.Kind.OVERRIDE_DENY),
                expired);
    }

    /** Returns the exemption that allows a weak signature hash algorithm on the given day, if any. */
    public Optional<Exemption> weakHashExemption(String algorithm, LocalDate today) {
        return Optional.ofNullable(weakHashes.get(algorithm)).filter(exemption -> exemption.appliesOn(today));
    }

    private static Optional<Exemption> first(List<Exemption> exemptions, Exemption.Kind kind) {
        return exemptions.stream().filter(e -> e.kind() == kind).findFirst();
    }
}
