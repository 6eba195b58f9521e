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

    private static final String HEADER = """
            # Dependency policy of this build, read by provenance:check-dependencies.
            # Each artifact needs an allow entry, a signature by a key listed with key=, and a sha256= or sha512= pin.
            # Keys come from keyring files; add a line such as the one below for the publishers' public keys.
            # keyring provenance-keys/
            """;

    private PolicyRecorder() {}

    /**
     * Returns the entry that would accept an artifact, or empty when it passes or when accepting it is not the fix.
     * Accepting is not the fix for a denied artifact, a bad signature, an expired or revoked key, a weak hash or a
     * checksum mismatch.
     */
    public static Optional<String> entryFor(ArtifactResult result, LocalDate today) {
        if (result.passed() || !result.violations().stream().allMatch(v -> RECORDABLE.contains(v.reason()))) {
            return Optional.empty();
        }
        StringBuilder line =
                new StringBuilder("allow ").append(result.artifact().coordinates());
        signingKey(result).ifPresent(key -> line.append(" key=").append(key));
        line.append(" sha256=").append(result.sha256());
        if (result.violations().stream().anyMatch(v -> v.reason() == Violation.Reason.UNSIGNED)) {
            line.append(" unsigned reason=\"no signature when recorded on ")
                    .append(today)
                    .append('"');
        }
        return Optional.of(line.toString());
    }

    /** Returns the key that signed the artifact: a verified primary key, or the issuer of a key no keyring holds. */
    private static Optional<String> signingKey(ArtifactResult result) {
        for (SignatureCheck check : result.signatures()) {
            if (check.status() == SignatureCheck.Status.GOOD && check.primaryKey() != null) {
                return Optional.of(check.primaryKey().hex());
            }
        }
        return result.signatures().stream()
                .filter(check -> check.status() == SignatureCheck.Status.KEY_NOT_FOUND)
                .map(SignatureCheck::issuer)
                .filter(issuer -> issuer.length() == 40 || issuer.length() == 64)
                .findFirst();
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
