package dev.provenance.commits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that {@link CommitPrefilter} never skips a commit in which the full parse of {@link CommitInspector#detect}
 * finds a marker, on the messages the trailer parser tests use, on loosely written marker lines and on this project's
 * own history.
 */
class CommitPrefilterTest {

    /** Marker-like lines, many of which only the loose reading of {@link MessageLines} or a message pattern counts. */
    private static final List<String> LOOSE_LINES = List.of(
            "ai_generated: yes",
            "AI generated: yes",
            "# AI-Tool: hidden in a comment",
            "   Assisted by: Claude",
            "\tGenerated_by : tool",
            "GENERATED-BY: X",
            "made-WITH: Cursor",
            "Claude-Session: 0123",
            "Ai-assisted:",
            "AI.tool: x",
            "AI: no dash, so no prefix match",
            "Assisted-by-bot: longer than the key",
            "co-authored-by: Claude <noreply@anthropic.com>",
            "Co-Authored-By: Human Being <human@example.com>",
            "Co-developed-by:",
            "Made with [Cursor]",
            "Generated with [Devin](https://devin.ai)",
            "Generated with [Claude Code]",
            "generated with [claude code] (lower case, so no match)",
            "Ünïcode: Generated with [Claude Code]",
            "AI-\tTool: tab inside the key");

    /** Authors and committers: people, tools, bots, non-ASCII names and identities git would not write. */
    private static final List<String> IDENTITIES = List.of(
            "A U Thor <author@example.com>",
            "Ævar Arnfjörð Bjarmason <avarab@example.com>",
            "Claude <noreply@anthropic.com>",
            "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
            "Copilot <223556219+Copilot@users.noreply.github.com>",
            "Someone (aider) <someone@example.com>",
            "Claude Monet <claude@monet.example>",
            "claude <>",
            "Weird <a@example.com> <b@example.com>",
            "No Email",
            "Broken <unclosed");

    @TempDir
    Path temporary;

    private Repository repository;
    private CommitInspector inspector;
    private CommitPrefilter prefilter;
    private int proven;
    private int detected;

    @BeforeEach
    void openRepository() throws Exception {
        GitFixture fixture = GitFixture.init(temporary.resolve("repo"));
        fixture.commit("README.md", "Start\n");
        repository = CommitScanner.open(fixture.directory());
        AiDetection detection = AiDetection.defaults();
        ReviewPolicy policy = ReviewPolicy.of(List.of("Reviewed-by"), List.of(), ReviewPolicy.DEFAULT_NOTES_REF, null);
        inspector = new CommitInspector(repository, detection, policy);
        prefilter = new CommitPrefilter(detection);
    }

    @AfterEach
    void closeRepository() {
        inspector.close();
        repository.close();
    }

    @Test
    void generatedMessagesAgreeWithFullParse() throws Exception {
        Random random = new Random(20261204L);
        List<String> lines = new ArrayList<>(TrailerParserGitTest.LINES);
        lines.addAll(LOOSE_LINES);
        for (int i = 0; i < 3000; i++) {
            String message = TrailerParserGitTest.generate(random);
            if (random.nextInt(3) == 0) {
                message += "\n" + lines.get(random.nextInt(lines.size())) + "\n";
            }
            String author =
                    random.nextInt(4) == 0 ? IDENTITIES.get(random.nextInt(IDENTITIES.size())) : IDENTITIES.get(0);
            String committer = random.nextInt(4) == 0 ? IDENTITIES.get(random.nextInt(IDENTITIES.size())) : author;
            assertAgrees(commit(author, committer, null, message.getBytes(StandardCharsets.UTF_8)));
            assertAgrees(
                    commit(author, committer, null, withoutToolLines(message).getBytes(StandardCharsets.UTF_8)));
        }

        // Both outcomes must occur often, or the comparison proves little.
        assertThat(proven).as("commits the prefilter cleared").isGreaterThan(1500);
        assertThat(detected).as("commits the full parse found AI-involved").isGreaterThan(1500);
    }

    @Test
    void eachLooseLineAgreesWithFullParse() throws Exception {
        List<String> lines = new ArrayList<>(TrailerParserGitTest.LINES);
        lines.addAll(LOOSE_LINES);
        for (String line : lines) {
            for (String message : List.of(
                    "Subject\n\n" + line + "\n",
                    "Subject\n\nBody text.\n\n" + line + "\nSigned-off-by: A U Thor <author@example.com>\n",
                    line + "\n",
                    "Subject\n\n" + line)) {
                assertAgrees(
                        commit(IDENTITIES.get(0), IDENTITIES.get(0), null, message.getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(detected)
                .as("loose lines that the full parse counts as markers")
                .isGreaterThan(20);
    }

    @Test
    void handWrittenAndFixtureMessagesAgree() throws Exception {
        List<String> messages = new ArrayList<>(TrailerParserGitTest.CASES);
        try (var files = Files.list(Path.of("src/test/resources/commits/messages"))) {
            for (Path file : files.sorted().toList()) {
                messages.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        for (String message : messages) {
            for (String identity : IDENTITIES) {
                assertAgrees(commit(identity, IDENTITIES.get(0), null, message.getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(proven).as("commits the prefilter cleared").isPositive();
    }

    @Test
    void encodingHeaderTakesFullParse() throws Exception {
        byte[] latin1 = "Subject\n\nWritten by J\u00f6rg.\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(prefilter.provesNoMarker(commit(IDENTITIES.get(0), IDENTITIES.get(0), "ISO-8859-1", latin1)))
                .isFalse();
        assertThat(prefilter.provesNoMarker(commit(IDENTITIES.get(0), IDENTITIES.get(0), null, latin1)))
                .isTrue();
    }

    @Test
    void invalidUtf8AgreesWithFullParse() throws Exception {
        for (String line : List.of("Body.", "Assisted-by: Claude", "Generated with [Claude Code]")) {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            message.write("Subject\n\nBad byte \u0000 here: ".getBytes(StandardCharsets.UTF_8));
            message.write(new byte[] {(byte) 0xff, (byte) 0xc3, '\n', '\n'});
            message.write(line.getBytes(StandardCharsets.UTF_8));
            assertAgrees(commit(IDENTITIES.get(0), IDENTITIES.get(0), null, message.toByteArray()));
        }
        assertThat(proven).as("the line without a marker is cleared").isEqualTo(1);
    }

    @Test
    void overlongTimestampTakesFullParse() throws Exception {
        // JGit's parse fails from 17 digits on, because the instant would be past Instant.MAX.
        assertThat(prefilter.provesNoMarker(withAuthorTime("9999999999999999"))).isTrue();
        assertThat(prefilter.provesNoMarker(withAuthorTime("99999999999999999")))
                .isFalse();
        assertThat(prefilter.provesNoMarker(withAuthorTime("99999999999999999999")))
                .isFalse();
    }

    private static byte[] withAuthorTime(String time) {
        String raw = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
                + "author A U Thor <author@example.com> " + time + " +0000\n"
                + "committer A U Thor <author@example.com> 1700000000 +0000\n\nSubject\n";
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void patternMatchingEmptyMessageAgrees() throws Exception {
        AiDetection detection = AiDetection.of(List.of("Assisted-by"), List.of(), List.of(), List.of("^$"));
        prefilter = new CommitPrefilter(detection);
        inspector.close();
        inspector = new CommitInspector(
                repository,
                detection,
                ReviewPolicy.of(List.of("Reviewed-by"), List.of(), ReviewPolicy.DEFAULT_NOTES_REF, null));
        String headers = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
                + "author A U Thor <author@example.com> 1700000000 +0000\n"
                + "committer A U Thor <author@example.com> 1700000000 +0000\n";

        for (String raw : List.of(headers, headers + "\n", headers + "\nSubject\n")) {
            assertAgrees(raw.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(detected).as("empty messages that the pattern marks").isEqualTo(2);
        assertThat(proven).as("the message with a subject is cleared").isEqualTo(1);
    }

    @Test
    void projectHistoryAgreesWithFullParse() throws Exception {
        // The project's own clone: real messages, some of them written with AI tools.
        try (Repository project = CommitScanner.open(Path.of("").toAbsolutePath());
                RevWalk walk = new RevWalk(project)) {
            walk.markStart(walk.parseCommit(project.resolve("HEAD")));
            int count = 0;
            for (RevCommit commit : walk) {
                assertAgrees(commit.getRawBuffer());
                count++;
            }
            assertThat(count).as("commits in the project history").isPositive();
        }
    }

    /** Asserts that a commit the prefilter clears has no marker in the full parse either, and counts outcomes. */
    private void assertAgrees(byte[] raw) throws IOException {
        boolean cleared = prefilter.provesNoMarker(raw);
        RevCommit commit = RevCommit.parse(raw);
        if (commit.getAuthorIdent() == null || commit.getCommitterIdent() == null) {
            // The full parse fails on such a commit, so the prefilter must leave it to the full parse.
            assertThat(cleared)
                    .as("cleared a commit without a valid identity:%n%s", text(raw))
                    .isFalse();
            return;
        }
        CommitInspector.Detected full = inspector.detect(commit);
        if (cleared) {
            proven++;
            assertThat(full)
                    .as("the full parse found markers in a cleared commit:%n%s", text(raw))
                    .isNull();
        }
        if (full != null) {
            detected++;
        }
    }

    /** Drops the lines that name a tool or a marker key, so that many messages have no marker at all. */
    private static String withoutToolLines(String message) {
        StringBuilder remaining = new StringBuilder();
        for (String line : message.split("(?<=\n)")) {
            if (!line.matches("(?is).*(assisted|generated|co-|ai-|claude|copilot|cursor|gemini).*")) {
                remaining.append(line);
            }
        }
        return remaining.toString();
    }

    private static byte[] commit(String author, String committer, String encoding, byte[] message) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String headers = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
                + "author " + author + " 1700000000 +0100\n"
                + "committer " + committer + " 1700000060 -0230\n"
                + (encoding == null ? "" : "encoding " + encoding + "\n")
                + "\n";
        raw.write(headers.getBytes(StandardCharsets.UTF_8));
        raw.write(message);
        return raw.toByteArray();
    }

    private static String text(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8).replace("\r", "\\r");
    }
}
