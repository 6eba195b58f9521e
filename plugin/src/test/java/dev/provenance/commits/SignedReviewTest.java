package dev.provenance.commits;

import static dev.provenance.commits.GitFixture.RITA;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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

        assertThat(reviews)
                .extracting(Review::rejection)
                .containsExactly("the commit has no valid signature from a key in " + trustedKeys);
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

        assertThat(reviews)
                .extracting(Review::rejection)
                .containsExactly("the note has no valid signature from a key in " + trustedKeys);
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

    /** Writes the note as review lines followed by an armored detached signature over exactly those lines. */
    private void addSignedNote(String id, String key, String review) throws Exception {
        Path body = temporary.resolve("review.txt");
        Files.writeString(body, review);
        run(
                "gpg",
                "--batch",
                "--yes",
                "--local-user",
                key,
                "--armor",
                "--detach-sign",
                "--output",
                body + ".asc",
                body.toString());
        Path note = temporary.resolve("note.txt");
        Files.writeString(note, review + Files.readString(Path.of(body + ".asc")));
        repo.git("notes", "--ref=refs/notes/reviews", "add", "-F", note.toString(), id);
    }

    private String run(String... command) {
        return repo.execute(GitFixture.ANN, null, List.of(command));
    }
}
