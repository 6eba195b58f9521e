package dev.provenance.commits;

import static dev.provenance.commits.GitFixture.RITA;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed reviews with real OpenPGP keys made by gpg: one trusted key, one untrusted key. */
class SignedReviewTest {

    @TempDir
    Path temporary;

    private GitFixture repo;
    private Path trustedKeys;

    @BeforeEach
    void createKeysAndRepository() throws Exception {
        repo = GitFixture.init(temporary.resolve("repo"));
        Path home = Files.createDirectories(temporary.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        repo.environment("GNUPGHOME", home.toString());
        generateKey("Rita Reviewer <rita@example.com>");
        generateKey("Mallory <mallory@example.com>");
        trustedKeys = temporary.resolve("trusted.asc");
        Files.writeString(trustedKeys, run("gpg", "--export", "--armor", "rita@example.com"));
        repo.commit("README.md", "Start\n");
    }

    /** Stops the gpg-agent that gpg started for this test's key folder. */
    @AfterEach
    void stopAgent() {
        run("gpgconf", "--kill", "gpg-agent");
    }

    @Test
    void signedCommitTrailerAccepted() throws Exception {
        signedCommit("rita@example.com", "Add a\n\nAssisted-by: Cursor\nReviewed-by: " + RITA + "\n");

        assertThat(scan().unreviewed()).isEmpty();
    }

    @Test
    void commitSignedByUntrustedKeyRejected() throws Exception {
        signedCommit("mallory@example.com", "Add a\n\nAssisted-by: Cursor\nReviewed-by: " + RITA + "\n");

        List<Review> reviews = scan().findings().get(0).reviews();

        assertThat(reviews).hasSize(1);
        assertThat(reviews.get(0).rejection())
                .startsWith(
                        "the commit has no valid signature from a key in " + trustedKeys + ": it was made by the key ")
                .endsWith(", which that file does not contain");
    }

    @Test
    void revokedKeyCommitRejected() throws Exception {
        signedCommit("rita@example.com", "Add a\n\nAssisted-by: Cursor\nReviewed-by: " + RITA + "\n");
        revokeAndExport("rita@example.com");

        List<Review> reviews = scan().findings().get(0).reviews();

        assertThat(reviews).hasSize(1);
        assertThat(reviews.get(0).rejection())
                .startsWith("the commit has no valid signature from a key in " + trustedKeys
                        + ": the primary key was revoked on ");
    }

    @Test
    void expiredNoteSignatureRejected() throws Exception {
        // A trusted key made a year ago signs the note then, valid for one day: the key was valid when it signed,
        // but the signature has expired since.
        String yearAgo = Instant.now().minus(Duration.ofDays(365)).getEpochSecond() + "!";
        run(
                "gpg",
                "--batch",
                "--faked-system-time",
                yearAgo,
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "",
                "--quick-gen-key",
                "Rita Old Key <rita.old@example.com>",
                "ed25519",
                "sign",
                "never");
        Files.writeString(trustedKeys, run("gpg", "--export", "--armor", "rita@example.com", "rita.old@example.com"));
        String id = repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\n");
        addSignedNote(
                id,
                "rita.old@example.com",
                "Reviewed-by: " + RITA + "\n",
                "--faked-system-time",
                yearAgo,
                "--default-sig-expire",
                "1d");

        List<Review> reviews = scan().findings().get(0).reviews();

        assertThat(reviews).hasSize(1);
        assertThat(reviews.get(0).rejection())
                .startsWith(
                        "the note has no valid signature from a key in " + trustedKeys + ": the signature expired on ");
    }

    @Test
    void unsignedCommitTrailerRejected() throws Exception {
        repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\nReviewed-by: " + RITA + "\n");

        assertThat(scan().unreviewed()).hasSize(1);
    }

    @Test
    void signedNoteAccepted() throws Exception {
        String id = repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\n");
        addSignedNote(id, "rita@example.com", "Reviewed-by: " + RITA + "\n");

        assertThat(scan().unreviewed()).isEmpty();
    }

    @Test
    void editedSignedNoteRejected() throws Exception {
        String id = repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\n");
        addSignedNote(id, "rita@example.com", "Reviewed-by: " + RITA + "\n");
        String note = repo.git("notes", "--ref=refs/notes/reviews", "show", id);
        Path edited = temporary.resolve("edited");
        Files.writeString(edited, note.replace("Rita Reviewer", "Rita Reviewers"));
        repo.git("notes", "--ref=refs/notes/reviews", "add", "-f", "-F", edited.toString(), id);

        List<Review> reviews = scan().findings().get(0).reviews();

        assertThat(reviews).hasSize(1);
        assertThat(reviews.get(0).rejection())
                .startsWith("the note has no valid signature from a key in " + trustedKeys + ": the signature does not"
                        + " match the signed content");
    }

    private ScanResult scan() throws Exception {
        ReviewPolicy policy = ReviewPolicy.of(
                List.of("Reviewed-by"), List.of(), ReviewPolicy.DEFAULT_NOTES_REF, TrustedKeys.load(trustedKeys));
        return new CommitScanner(AiDetection.defaults(), policy, false).scan(repo.directory(), CommitRange.all());
    }

    private void generateKey(String userId) {
        run(
                "gpg",
                "--batch",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "",
                "--quick-gen-key",
                userId,
                "ed25519",
                "sign",
                "never");
    }

    private void signedCommit(String key, String message) throws Exception {
        Files.writeString(repo.directory().resolve("a.txt"), message);
        repo.git("add", "a.txt");
        repo.gitAs(GitFixture.ANN, message, "commit", "-q", "-S" + key, "--cleanup=verbatim", "-F", "-");
    }

    /**
     * Writes the note as review lines followed by an armored detached signature over exactly those lines, made with
     * {@code gpgOptions} added to gpg's command line.
     */
    private void addSignedNote(String id, String key, String review, String... gpgOptions) throws Exception {
        Path body = temporary.resolve("review.txt");
        Files.writeString(body, review);
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--yes"));
        command.addAll(List.of(gpgOptions));
        command.addAll(List.of("--local-user", key, "--armor", "--detach-sign", "--output", body + ".asc"));
        command.add(body.toString());
        run(command.toArray(String[]::new));
        Path note = temporary.resolve("note.txt");
        Files.writeString(note, review + Files.readString(Path.of(body + ".asc")));
        repo.git("notes", "--ref=refs/notes/reviews", "add", "-F", note.toString(), id);
    }

    /**
     * Revokes the key with the revocation certificate that gpg wrote when it made the key, and exports it again, so
     * that the trusted keys file carries the revocation.
     */
    private void revokeAndExport(String userId) throws Exception {
        String fingerprint = run("gpg", "--batch", "--with-colons", "--list-keys", userId)
                .lines()
                .filter(line -> line.startsWith("fpr:"))
                .findFirst()
                .orElseThrow()
                .split(":")[9];
        Path certificate = temporary.resolve("gnupg/openpgp-revocs.d/" + fingerprint + ".rev");
        // gpg guards the stored certificate with a leading colon so that it is not imported by accident.
        Path armored = temporary.resolve("revocation.asc");
        Files.writeString(armored, Files.readString(certificate).replace(":-----BEGIN", "-----BEGIN"));
        run("gpg", "--batch", "--import", armored.toString());
        Files.writeString(trustedKeys, run("gpg", "--export", "--armor", userId));
    }

    private String run(String... command) {
        return repo.execute(GitFixture.ANN, null, List.of(command));
    }
}
