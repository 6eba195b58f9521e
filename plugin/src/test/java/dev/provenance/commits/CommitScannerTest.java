package dev.provenance.commits;

import static dev.provenance.commits.GitFixture.ANN;
import static dev.provenance.commits.GitFixture.RITA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitScannerTest {

    @TempDir
    Path temporary;

    private GitFixture repo;

    @BeforeEach
    void createRepository() {
        repo = GitFixture.init(temporary.resolve("repo"));
        repo.commit("README.md", "Start the project\n");
    }

    @Test
    void humanOnlyCommitsPass() throws Exception {
        repo.commit("a.txt", "Add a\n\nWritten by hand.\n\nSigned-off-by: " + ANN + "\n");

        ScanResult result = scan(CommitRange.all());

        assertThat(result.scanned()).isEqualTo(2);
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void toolTrailerWithoutReviewFails() throws Exception {
        String id = repo.commit("src/A.java", "Add A\n\nAssisted-by: Claude:claude-opus-4\n");

        ScanResult result = scan(CommitRange.all());

        assertThat(result.findings()).hasSize(1);
        CommitFinding finding = result.findings().get(0);
        assertThat(finding.id()).isEqualTo(id);
        assertThat(finding.markers())
                .containsExactly(new AiMarker(AiMarker.Source.TRAILER, "Assisted-by: Claude:claude-opus-4"));
        assertThat(finding.files()).containsExactly("src/A.java");
        assertThat(finding.reviews()).isEmpty();
        assertThat(result.unreviewed()).containsExactly(finding);
    }

    @Test
    void coAuthorToolIdentityNeedsReview() throws Exception {
        repo.commit("a.txt", "Add a\n\nCo-authored-by: Claude Opus 4.5 <noreply@anthropic.com>\n");
        repo.commit("b.txt", "Add b\n\nCo-authored-by: Claude Monet <claude@monet.example>\n");

        ScanResult result = scan(CommitRange.all());

        assertThat(result.findings()).extracting(CommitFinding::subject).containsExactly("Add a");
    }

    @Test
    void reviewerTrailerAccepted() throws Exception {
        repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\nReviewed-by: " + RITA + "\n");

        ScanResult result = scan(CommitRange.all());

        assertThat(result.findings().get(0).reviews()).containsExactly(new Review(RITA, "trailer Reviewed-by", null));
        assertThat(result.unreviewed()).isEmpty();
    }

    @Test
    void reviewerWhoIsAuthorRejected() throws Exception {
        repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\nReviewed-by: Ann A. <ANN@example.com>\n");

        ScanResult result = scan(CommitRange.all());

        assertThat(result.findings().get(0).reviews())
                .extracting(Review::rejection)
                .containsExactly("the reviewer is the commit's author");
        assertThat(result.unreviewed()).hasSize(1);
    }

    @Test
    void aiReviewerRejected() throws Exception {
        repo.commit(
                "a.txt",
                "Add a\n\nAssisted-by: Cursor\nReviewed-by: Copilot <223556219+Copilot@users.noreply.github.com>\n");

        ScanResult result = scan(CommitRange.all());

        assertThat(result.findings().get(0).reviews())
                .extracting(Review::rejection)
                .containsExactly("the reviewer is an AI identity");
    }

    @Test
    void reviewerOnAndOffTheList() throws Exception {
        repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\nReviewed-by: " + RITA + "\n");
        repo.commit("b.txt", "Add b\n\nAssisted-by: Cursor\nReviewed-by: Olaf Outsider <olaf@example.com>\n");
        ReviewPolicy team =
                ReviewPolicy.of(List.of("Reviewed-by"), List.of("rita@example.com"), "refs/notes/reviews", null);

        ScanResult result =
                new CommitScanner(AiDetection.defaults(), team, false).scan(repo.directory(), CommitRange.all());

        assertThat(result.unreviewed()).extracting(CommitFinding::subject).containsExactly("Add b");
        assertThat(result.unreviewed().get(0).reviews())
                .extracting(Review::rejection)
                .containsExactly("the reviewer is not on the reviewers list");
    }

    @Test
    void reviewInNoteAccepted() throws Exception {
        String id = repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\n");
        repo.git("notes", "--ref=refs/notes/reviews", "add", "-m", "Reviewed-by: " + RITA, id);

        ScanResult result = scan(CommitRange.all());

        assertThat(result.findings().get(0).reviews())
                .containsExactly(new Review(RITA, "note refs/notes/reviews", null));
        assertThat(result.unreviewed()).isEmpty();
    }

    @Test
    void noteWithoutReviewLineWarns() throws Exception {
        String id = repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\n");
        repo.git("notes", "--ref=refs/notes/reviews", "add", "-m", "Reviewd-by: " + RITA, id);

        ScanResult result = scan(CommitRange.all());

        assertThat(result.unreviewed()).hasSize(1);
        assertThat(result.warnings())
                .containsExactly(id.substring(0, 7) + ": the note under refs/notes/reviews has no 'Reviewed-by: Name"
                        + " <email>' line at the start of a line, so it records no review");
    }

    @Test
    void noteUnderOtherRefIgnored() throws Exception {
        String id = repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\n");
        repo.git("notes", "add", "-m", "Reviewed-by: " + RITA, id);

        ScanResult result = scan(CommitRange.all());

        assertThat(result.unreviewed()).hasSize(1);
    }

    @Test
    void markerFailingQuarterRuleCountsWithWarning() throws Exception {
        String id = repo.commit("a.txt", "Add a\n\nSome prose.\nAssisted-by: Claude\nReviewed-by: " + RITA + "\n");

        ScanResult result = scan(CommitRange.all());

        CommitFinding finding = result.findings().get(0);
        assertThat(finding.markers())
                .containsExactly(new AiMarker(AiMarker.Source.UNPARSED_LINE, "Assisted-by: Claude"));
        assertThat(finding.reviews()).isEmpty();
        assertThat(result.warnings())
                .containsExactly(
                        id.substring(0, 7) + ": line 4 'Assisted-by: Claude' counts as AI involvement, but git does"
                                + " not parse it as a trailer: the last paragraph also has lines that are not"
                                + " trailers, so git ignores all of its trailers (git accepts a mixed paragraph only"
                                + " with a Signed-off-by line and at least 25% trailers)",
                        id.substring(0, 7) + ": line 5 'Reviewed-by: " + RITA + "' is not counted as a review,"
                                + " because git does not parse it as a trailer: the last paragraph also has lines"
                                + " that are not trailers, so git ignores all of its trailers (git accepts a mixed"
                                + " paragraph only with a Signed-off-by line and at least 25% trailers)");
    }

    @Test
    void squashMergeEarlierParagraphCounts() throws Exception {
        repo.commit(
                "a.txt",
                "Feature (#7)\n\n* Add parser\n\nAssisted-by: Cursor\n\n* Fix tests\n\nSigned-off-by: " + ANN + "\n");

        ScanResult result = scan(CommitRange.all());

        assertThat(result.findings().get(0).markers())
                .containsExactly(new AiMarker(AiMarker.Source.UNPARSED_LINE, "Assisted-by: Cursor"));
        assertThat(result.warnings().get(0))
                .endsWith("it is not in the last paragraph, and git reads trailers only" + " from the last paragraph");
    }

    @Test
    void malformedMarkersCountWithReason() throws Exception {
        String id = repo.commit("a.txt", "Add a\n\nAssisted by: Claude\n\n# Generated-by: Gemini\n---\nAI-Tool: x\n");

        ScanResult result = scan(CommitRange.all());

        String prefix = id.substring(0, 7) + ": line ";
        assertThat(result.findings().get(0).markers())
                .extracting(AiMarker::text)
                .containsExactly("Assisted by: Claude", "# Generated-by: Gemini", "AI-Tool: x");
        assertThat(result.warnings())
                .containsExactly(
                        prefix + "3 'Assisted by: Claude' counts as AI involvement, but git does not parse it as a"
                                + " trailer: git trailer keys are ASCII letters, digits and '-' at the start of the"
                                + " line",
                        prefix + "5 '# Generated-by: Gemini' counts as AI involvement, but git does not parse it as"
                                + " a trailer: it is a comment line, which git ignores",
                        prefix + "7 'AI-Tool: x' counts as AI involvement, but git does not parse it as a trailer:"
                                + " it is below a '---' line, where git interpret-trailers stops reading");
    }

    @Test
    void aiAuthorIdentityCounts() throws Exception {
        repo.commit("copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>", "a.txt", "Fix typo\n");

        ScanResult result = scan(CommitRange.all());

        assertThat(result.findings().get(0).markers())
                .extracting(AiMarker::source)
                .containsExactly(AiMarker.Source.AUTHOR, AiMarker.Source.COMMITTER);
    }

    @Test
    void trailerAliasDoesNotMakeReviewer() throws Exception {
        repo.git("config", "trailer.reviewed.key", "Reviewed-by");
        String id = repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\nR: " + RITA + "\n");

        // git itself reports the alias as a Reviewed-by trailer under this configuration.
        assertThat(repo.git("log", "-1", "--format=%(trailers:key=Reviewed-by)", id))
                .contains("Reviewed-by: " + RITA);

        ScanResult result = scan(CommitRange.all());

        assertThat(result.unreviewed()).hasSize(1);
    }

    @Test
    void sinceLimitsRange() throws Exception {
        repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\n");
        repo.git("tag", "v1");
        repo.commit("b.txt", "Add b\n\nAssisted-by: Cursor\n");

        ScanResult result = scan(CommitRange.since("v1"));

        assertThat(result.scanned()).isEqualTo(1);
        assertThat(result.findings()).extracting(CommitFinding::subject).containsExactly("Add b");
    }

    @Test
    void mergeBaseLimitsRangeAndMergesAreChecked() throws Exception {
        repo.git("checkout", "-q", "-b", "feature");
        repo.commit("f.txt", "Add f\n\nAssisted-by: Aider\n");
        repo.git("checkout", "-q", "main");
        repo.commit("m.txt", "Add m on main\n\nAssisted-by: Aider\nReviewed-by: " + RITA + "\n");
        repo.git("checkout", "-q", "feature");
        repo.gitAs(
                ANN,
                null,
                "merge",
                "-q",
                "--no-ff",
                "-m",
                "Merge main\n\nCo-authored-by: Codex <noreply@openai.com>",
                "main");

        ScanResult result = scan(CommitRange.mergeBase("main"));

        // The merge and the feature commit are in the range; the main commit is behind main and is not.
        assertThat(result.scanned()).isEqualTo(2);
        assertThat(result.findings()).extracting(CommitFinding::subject).containsExactly("Merge main", "Add f");
        assertThat(result.findings().get(0).parents()).isEqualTo(2);
        assertThat(result.findings().get(0).files()).containsExactly("m.txt");
    }

    @Test
    void cherryPickKeepsMarkersNotNotes() throws Exception {
        repo.git("checkout", "-q", "-b", "release");
        repo.git("checkout", "-q", "main");
        String original = repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\n");
        repo.git("notes", "--ref=refs/notes/reviews", "add", "-m", "Reviewed-by: " + RITA, original);
        repo.git("checkout", "-q", "release");
        repo.git("cherry-pick", "-x", original);

        ScanResult result = scan(CommitRange.since("main"));

        // The copy has the original's marker and its own id; the note on the original does not follow it.
        assertThat(result.findings()).hasSize(1);
        CommitFinding copy = result.findings().get(0);
        assertThat(copy.cherryPickedFrom()).isEqualTo(original);
        assertThat(copy.markers()).containsExactly(new AiMarker(AiMarker.Source.TRAILER, "Assisted-by: Cursor"));
        assertThat(copy.reviews()).isEmpty();
    }

    @Test
    void revertIsNotExempt() throws Exception {
        String ai = repo.commit("a.txt", "Add a\n\nAssisted-by: Cursor\n");
        repo.git("revert", "--no-edit", ai);
        String revert = repo.git("rev-parse", "HEAD").strip();

        ScanResult result = scan(CommitRange.all());

        // The revert carries no marker of its own; the reverted commit still needs its review.
        assertThat(result.findings()).extracting(CommitFinding::id).containsExactly(ai);
        assertThat(result.scanned()).isEqualTo(3);
        assertThat(repo.git("log", "-1", "--format=%B", revert)).contains("This reverts commit " + ai);
    }

    @Test
    void aiRevertRecordsRevertedCommit() throws Exception {
        String human = repo.commit("a.txt", "Add a\n");
        repo.gitAs(ANN, null, "revert", "--no-edit", human);
        repo.gitAs(
                ANN,
                null,
                "commit",
                "--amend",
                "-q",
                "-m",
                "Revert \"Add a\"\n\nThis reverts commit " + human + ".\n\nAssisted-by: Claude\n");

        ScanResult result = scan(CommitRange.all());

        assertThat(result.findings()).hasSize(1);
        assertThat(result.findings().get(0).reverts()).isEqualTo(human);
    }

    @Test
    void missingSinceRefFails() {
        assertThatThrownBy(() -> scan(CommitRange.since("origin/nope")))
                .isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("provenance.commits.since 'origin/nope' does not name a commit in ");
    }

    @Test
    void shallowCloneFailsClosed() throws Exception {
        for (int i = 0; i < 3; i++) {
            repo.commit("f" + i + ".txt", "Change " + i + "\n");
        }
        Path clone = temporary.resolve("clone");
        repo.git("clone", "-q", "--depth", "2", "file://" + repo.directory(), clone.toString());

        CommitScanner scanner = new CommitScanner(AiDetection.defaults(), defaultPolicy(), false);
        assertThatThrownBy(() -> scanner.scan(clone, CommitRange.all()))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining("The clone is shallow")
                .hasMessageContaining("fetch-depth: 0");

        ScanResult partial =
                new CommitScanner(AiDetection.defaults(), defaultPolicy(), true).scan(clone, CommitRange.all());
        assertThat(partial.scanned()).isEqualTo(2);
        assertThat(partial.warnings()).hasSize(1);
    }

    @Test
    void shallowCloneWithRangeInsidePasses() throws Exception {
        for (int i = 0; i < 3; i++) {
            repo.commit("f" + i + ".txt", "Change " + i + "\n");
        }
        Path clone = temporary.resolve("clone");
        repo.git("clone", "-q", "--depth", "3", "file://" + repo.directory(), clone.toString());

        ScanResult result = new CommitScanner(AiDetection.defaults(), defaultPolicy(), false)
                .scan(clone, CommitRange.since("HEAD~1"));

        assertThat(result.scanned()).isEqualTo(1);
    }

    @Test
    void noRepositoryFails() {
        CommitScanner scanner = new CommitScanner(AiDetection.defaults(), defaultPolicy(), false);
        Path outside = temporary.resolve("outside");

        assertThatThrownBy(() -> scanner.scan(outside, CommitRange.all()))
                .isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("No git repository found in " + outside);
    }

    private ScanResult scan(CommitRange range) throws Exception {
        return new CommitScanner(AiDetection.defaults(), defaultPolicy(), false).scan(repo.directory(), range);
    }

    private static ReviewPolicy defaultPolicy() {
        return ReviewPolicy.of(List.of("Reviewed-by"), List.of(), ReviewPolicy.DEFAULT_NOTES_REF, null);
    }
}
