package dev.provenance.policy;

import dev.provenance.openpgp.SignatureCheck;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes {@code allow} entries for the artifacts a build resolved into a policy file, keeping every hand-written line.
 *
 * <p>Recorded entries live below a marker comment at the end of the file, one per artifact, sorted, so that recording
 * the modules of a reactor in any order gives the same file. Lines above the marker are never changed; to edit a
 * recorded entry by hand, move it above the marker.
 */
public final class PolicyRecorder {

    /** The comment line that starts the recorded section. */
    public static final String MARKER =
            "# Recorded by provenance:record-policy. Review each entry; move one above this line to edit it by hand.";

    /** The violations that recording an entry fixes. */
    private static final Set<Violation.Reason> RECORDABLE = EnumSet.of(
            Violation.Reason.NOT_ALLOWED,
            Violation.Reason.KEY_NOT_ACCEPTED,
            Violation.Reason.KEY_NOT_FOUND,
            Violation.Reason.CHECKSUM_MISSING,
            Violation.Reason.UNSIGNED);

    /** The start of the exemption recorded for an artifact signed by a key that no keyring contains. */
    private static final String MISSING_KEY_EXEMPTION = " unsigned reason=\"signed by ";

    private static final String HEADER = """
            # Dependency policy of this build, read by provenance:check-dependencies.
            # Each artifact needs an allow entry, a signature by a key listed with key=, and a sha256= or sha512= pin.
            # Keys come from keyring files; add a line such as the one below for the publishers' public keys.
            # keyring provenance-keys/
            """;

    private PolicyRecorder() {}

    /**
     * Returns the entry that would accept an artifact, or empty when it passes or when accepting it is not the fix.
     * Accepting is not the fix for a denied artifact, a bad signature, an expired or revoked key, an expired signature
     * or one made in the future, a weak hash or a checksum mismatch.
     *
     * <p>An entry names a signing key only by its full fingerprint, never by a key id. An artifact that no entry allows
     * yet gets the primary key of a signature that verified with a key of the keyrings. When all its signatures were
     * made by keys that no keyring contains, it gets an {@code unsigned} exemption instead. The exemption's reason names
     * the signing key (its fingerprint, or its 16-digit key id when the signature carries no fingerprint) and how to
     * replace the exemption with a checked signature.
     *
     * <p>An artifact that an entry already allows with a signature requirement gets no such exemption, so that
     * recording never lifts a reviewed requirement. When its signature names the key's fingerprint, the entry lists it
     * with {@code key=}, and the check reports {@code key not found} until a keyring contains the key.
     */
    public static Optional<String> entryFor(ArtifactResult result, LocalDate today) {
        if (result.passed() || !result.violations().stream().allMatch(v -> RECORDABLE.contains(v.reason()))) {
            return Optional.empty();
        }
        StringBuilder line =
                new StringBuilder("allow ").append(result.artifact().coordinates());
        Optional<String> verifiedKey = verifiedKey(result);
        List<String> missingKeys = missingKeys(result.signatures());
        boolean newArtifact = has(result, Violation.Reason.NOT_ALLOWED);
        if (verifiedKey.isPresent()) {
            line.append(" key=").append(verifiedKey.get());
        } else if (!newArtifact && !missingKeys.isEmpty()) {
            Optional<String> fingerprint =
                    missingKeys.stream().filter(PolicyRecorder::isFingerprint).findFirst();
            if (fingerprint.isEmpty()) {
                return Optional.empty();
            }
            line.append(" key=").append(fingerprint.get());
        }
        line.append(" sha256=").append(result.sha256());
        if (has(result, Violation.Reason.UNSIGNED)) {
            line.append(" unsigned reason=\"no signature when recorded on ")
                    .append(today)
                    .append('"');
        } else if (verifiedKey.isEmpty() && newArtifact) {
            missingKeyExemption(result.signatures()).ifPresent(line::append);
        }
        return Optional.of(line.toString());
    }

    /** Returns whether an entry for the artifact lifts the signature check for keys that no keyring contains. */
    public static boolean exemptsMissingKey(String entry) {
        return entry.contains(MISSING_KEY_EXEMPTION);
    }

    /**
     * Returns the {@code unsigned} exemption, with its leading space, for an artifact whose signatures were all made by
     * keys that no keyring contains, or empty when a signature has another status or there is none.
     */
    static Optional<String> missingKeyExemption(List<SignatureCheck> checks) {
        boolean allMissing = !checks.isEmpty()
                && checks.stream().allMatch(check -> check.status() == SignatureCheck.Status.KEY_NOT_FOUND);
        if (!allMissing) {
            return Optional.empty();
        }
        return Optional.of(MISSING_KEY_EXEMPTION + describeKeys(missingKeys(checks))
                + ", which no keyring contains; add the publisher's key to a keyring, then delete this line and run"
                + " record-policy again\"");
    }

    private static boolean has(ArtifactResult result, Violation.Reason reason) {
        return result.violations().stream().anyMatch(v -> v.reason() == reason);
    }

    /** Returns the primary key of the first signature that verified with a key of the keyrings. */
    private static Optional<String> verifiedKey(ArtifactResult result) {
        return result.signatures().stream()
                .filter(check -> check.status() == SignatureCheck.Status.GOOD && check.primaryKey() != null)
                .map(check -> check.primaryKey().hex())
                .findFirst();
    }

    /**
     * Returns the issuers of the signatures whose key no keyring contains, once each, in the order of the signature file:
     * fingerprints, or 16-digit key ids for signatures that name no fingerprint.
     */
    private static List<String> missingKeys(List<SignatureCheck> checks) {
        List<String> issuers = new ArrayList<>();
        for (SignatureCheck check : checks) {
            if (check.status() == SignatureCheck.Status.KEY_NOT_FOUND && !issuers.contains(check.issuer())) {
                issuers.add(check.issuer());
            }
        }
        return issuers;
    }

    private static boolean isFingerprint(String issuer) {
        return issuer.length() == 40 || issuer.length() == 64;
    }

    private static String describeKeys(List<String> issuers) {
        List<String> names = issuers.stream()
                .map(issuer -> (isFingerprint(issuer) ? "key " : "key id ") + issuer)
                .toList();
        return String.join(" and ", names);
    }

    /**
     * Returns the policy text with the entries added to the recorded section.
     *
     * @param existing the current text of the policy file, or null when there is none yet
     * @param entries the entries to add; those already present are not repeated
     */
    public static String update(String existing, List<String> entries) {
        List<String> above = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        Set<String> recorded = new TreeSet<>(entries);
        if (existing == null) {
            above.addAll(HEADER.lines().toList());
        } else {
            split(existing, above, comments, recorded);
        }

        // Entries already written above the marker by hand stay there and are not repeated below it.
        recorded.removeAll(above.stream().map(String::strip).toList());
        StringBuilder text = new StringBuilder();
        above.forEach(line -> text.append(line).append('\n'));
        if (recorded.isEmpty() && comments.isEmpty()) {
            return text.toString();
        }
        if (!above.isEmpty() && !above.get(above.size() - 1).isBlank()) {
            text.append('\n');
        }
        text.append(MARKER).append('\n');
        comments.forEach(line -> text.append(line).append('\n'));
        recorded.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private static void split(String existing, List<String> above, List<String> comments, Set<String> recorded) {
        boolean inSection = false;
        for (String line : existing.lines().toList()) {
            if (line.equals(MARKER)) {
                inSection = true;
            } else if (!inSection) {
                above.add(line);
            } else if (line.strip().startsWith("#")) {
                comments.add(line);
            } else if (!line.isBlank()) {
                recorded.add(line.strip());
            }
        }

        // The blank line before the marker is written again with it.
        while (inSection && !above.isEmpty() && above.get(above.size() - 1).isBlank()) {
            above.remove(above.size() - 1);
        }
    }
}
