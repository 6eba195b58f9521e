package dev.provenance.commits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link TrailerParser} with the installed {@code git interpret-trailers --parse} on hand-written tricky
 * messages and on generated ones, with and without the {@code ---} divider.
 */
class TrailerParserGitTest {

    /** Lines that exercise each rule of git's trailer grammar; the generator combines them into messages. */
    static final List<String> LINES = List.of(
            "Signed-off-by: A U Thor <author@example.com>",
            "signed-off-by: lower case <l@example.com>",
            "Signed-off-by:no-space",
            "Assisted-by: Claude:claude-3-opus coccinelle",
            "Co-authored-by: Claude <noreply@anthropic.com>",
            "Co-Authored-By: Copilot <223556219+Copilot@users.noreply.github.com>",
            "Generated-by: Gemini 2.5",
            "Reviewed-by: Rita Reviewer <rita@example.com>",
            "R: Mallory <mallory@example.com>",
            "AI-Tool: cursor",
            "Key : spaced before colon",
            "Key\t: tab before colon",
            "Bad Key: space inside key",
            "Under_score: not a key",
            "BREAKING CHANGE: not a key",
            "https://example.com/change/1",
            "Ünïcode-Key: not ascii",
            "Key:",
            "Key:   value with trailing spaces   ",
            ":no key",
            "This fixes the bug. Bug: 123",
            "A prose line that says something.",
            "Another prose line.",
            "  continued with spaces",
            "\tcontinued with a tab",
            "",
            "",
            "",
            "   ",
            "# a comment line",
            "#Assisted-by: hidden in a comment",
            "---",
            "--- a/file.c",
            "----",
            "---x",
            "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)",
            "Conflicts:",
            "\tsrc/main.c",
            "# ------------------------ >8 ------------------------",
            "🤖 Generated with [Claude Code](https://claude.com/claude-code)",
            "Change-Id: I0123456789abcdef0123456789abcdef01234567");

    /** Messages from the cases that parsers get wrong most often. */
    static final List<String> CASES = List.of(
            "subject\n\nbody\n\nAssisted-by: Claude\n",
            "subject\n\nbody\n\nAssisted-by: Claude\n---\n",
            "subject\n\nbody\n\nAssisted-by: Claude\n--- \n",
            "subject\nAssisted-by: Claude\n",
            "Assisted-by: Claude\n",
            "subject\n\nprose line\nAssisted-by: Claude\n",
            "subject\n\nprose line\nAssisted-by: Claude\nSigned-off-by: A <a@example.com>\n",
            "subject\n\none\ntwo\nthree\nfour\nSigned-off-by: A <a@example.com>\n",
            "subject\n\none\ntwo\nthree\nfour\nfive\nSigned-off-by: A <a@example.com>\n",
            "subject\n\nAssisted-by: Claude\n\n# comment\n# more\n",
            "subject\n\nAssisted-by: Claude\nConflicts:\n\tfile.c\n",
            "subject\r\n\r\nbody\r\n\r\nAssisted-by: Claude\r\nReviewed-by: R <r@example.com>\r\n",
            "subject\n\nKey: first\n  second\n\tthird\n",
            "subject\n\nKey : v\nOther\t:w\n",
            "subject\n\nAssisted-by: Claude   \n   \n",
            "subject\n\n(cherry picked from commit abc)\nprose\nprose\nprose\n",
            "subject\n\nAssisted-by: X\n---\nReviewed-by: R <r@example.com>\n",
            "subject\n\nbody\n# ------------------------ >8 ------------------------\nAssisted-by: X\n",
            "subject\n\n  indented: value\nKey: v\n",
            "subject\n\nKey: v\n  \n",
            "subject\n\nhttps://example.com/x\n",
            "\n\nKey: v\n",
            "subject\n \nKey: v\n",
            "subject\n\nKey: v",
            "subject\n\nKey: v\n---",
            "subject\n\nSigned-off-by: A\n(cherry picked from commit 1)\n");

    private static GitTrailers git;

    @BeforeAll
    static void findGit(@TempDir Path temporary) throws IOException {
        assertThat(GitTrailers.available())
                .as("git must be installed to compare parsers")
                .isTrue();
        git = new GitTrailers(GitTrailers.emptyDirectory(temporary));
    }

    @Test
    void handWrittenCasesMatchGit() {
        for (String message : CASES) {
            assertSameAsGit(message);
        }
    }

    @Test
    void generatedMessagesMatchGit() {
        Random random = new Random(20261204L);
        int withTrailers = 0;
        int count = 1500;
        for (int i = 0; i < count; i++) {
            String message = generate(random);
            assertSameAsGit(message);
            if (!git.parse(message, false).isEmpty()) {
                withTrailers++;
            }
        }

        // The comparison only means something if a good share of the messages have a trailer block.
        assertThat(withTrailers).as("messages where git found trailers").isGreaterThan(count / 5);
        assertThat(withTrailers).as("messages where git found trailers").isLessThan(count * 4 / 5);
    }

    @Test
    void fixtureMessagesMatchGit() throws IOException {
        Path folder = Path.of("src/test/resources/commits/messages");
        try (var files = Files.list(folder)) {
            List<Path> messages = files.sorted().toList();
            assertThat(messages).isNotEmpty();
            for (Path file : messages) {
                assertSameAsGit(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    private static void assertSameAsGit(String message) {
        for (boolean divider : new boolean[] {true, false}) {
            if (divider && scissorsAfterDivider(message)) {
                continue;
            }
            assertThat(TrailerParser.parse(message, divider))
                    .as("trailers (divider %s) of:%n%s", divider, message.replace("\r", "\\r"))
                    .containsExactlyElementsOf(git.parse(message, divider));
        }
    }

    /** Git 2.39 loops forever on a scissors line below a {@code ---} divider, so such messages are compared without. */
    private static boolean scissorsAfterDivider(String message) {
        int divider = TrailerParser.findPatchStart(message);
        return message.indexOf("# ------------------------ >8", divider) >= 0 && divider < message.length();
    }

    /** Builds a title and one to four paragraphs from {@link #LINES}, sometimes with CRLF or no final newline. */
    static String generate(Random random) {
        List<String> lines = new ArrayList<>();
        lines.add(random.nextInt(10) == 0 ? pick(random) : "Subject of the change");
        int paragraphs = 1 + random.nextInt(4);
        for (int p = 0; p < paragraphs; p++) {
            lines.add("");
            int size = 1 + random.nextInt(6);
            for (int i = 0; i < size; i++) {
                lines.add(random.nextInt(3) == 0 ? pick(random) : pick(random.nextBoolean() ? 0 : 2, random));
            }
        }
        String newline = random.nextInt(8) == 0 ? "\r\n" : "\n";
        String message = String.join(newline, lines);
        return random.nextInt(6) == 0 ? message : message + newline;
    }

    private static String pick(Random random) {
        return LINES.get(random.nextInt(LINES.size()));
    }

    /** Picks from the first ten lines, which are trailers, so that many paragraphs qualify as trailer blocks. */
    private static String pick(int offset, Random random) {
        return LINES.get(offset + random.nextInt(8));
    }
}
