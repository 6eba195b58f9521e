package dev.provenance.commits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitsReportTest {

    @TempDir
    Path temporary;

    @Test
    void reportMatchesGoldenFile() throws Exception {
        Path file = temporary.resolve("provenance/commits.json");

        CommitsReport.write(result(), file);

        assertThat(Files.readString(file))
                .isEqualToIgnoringNewLines(Files.readString(Path.of("src/test/resources/commits/report.json")));

        // The temporary file of the atomic write must be gone.
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    private static ScanResult result() {
        CommitFinding finding = new CommitFinding(
                "3".repeat(40),
                "Add A",
                "Ann Author <ann@example.com>",
                "Ann Author <ann@example.com>",
                1,
                null,
                "4".repeat(40),
                List.of(
                        new AiMarker(AiMarker.Source.TRAILER, "Assisted-by: Claude"),
                        new AiMarker(AiMarker.Source.UNPARSED_LINE, "AI-Tool: aider")),
                List.of("src/A.java"),
                List.of(
                        new Review(
                                "Ann Author <ann@example.com>",
                                "trailer Reviewed-by",
                                "the reviewer is the commit's author"),
                        new Review("Rita Reviewer <rita@example.com>", "note refs/notes/reviews", null)));
        return new ScanResult(
                "/repo/.git",
                "2".repeat(40),
                CommitRange.since("v1"),
                "1".repeat(40),
                3,
                List.of(finding),
                List.of("3333333: line 5 'AI-Tool: aider' counts as AI involvement"));
    }
}
