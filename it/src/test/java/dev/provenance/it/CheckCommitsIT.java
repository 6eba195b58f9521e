package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs check-commits on sample projects inside real git repositories made with the git binary. */
class CheckCommitsIT {

    private static final String ANN = "Ann Author <ann@example.com>";
    private static final String RITA = "Rita Reviewer <rita@example.com>";

    @Test
    void reviewedCommitsPass() throws IOException {
        SampleBuild build = SampleBuild.of("check-commits-single");
        Git git = Git.init(build.directory());
        git.commitPoms(ANN, "Add the sample build\n");
        String ai = git.commitFile(ANN, "src/A.java", "Add A\n\nAssisted-by: Claude:claude-opus-4\n");
        git.run(ANN, null, "notes", "--ref=refs/notes/reviews", "add", "-m", "Reviewed-by: " + RITA, ai);

        build.arguments("validate").succeeds();

        assertThat(build.log())
                .contains(
                        "[INFO] Checked 2 commits in HEAD (whole history): 1 AI-involved, 1 reviewed, 0 without an accepted"
                                + " review");
        JsonNode report = readReport(build.directory().resolve("target/provenance/commits.json"));
        JsonNode commit = report.get("commits").get(0);
        assertThat(report.get("commitsScanned").asInt()).isEqualTo(2);
        assertThat(commit.get("id").asText()).isEqualTo(ai);
        assertThat(commit.get("aiMarkers").get(0).get("text").asText()).isEqualTo("Assisted-by: Claude:claude-opus-4");
        assertThat(commit.get("files").get(0).asText()).isEqualTo("src/A.java");
        assertThat(commit.get("reviews").get(0).get("reviewer").asText()).isEqualTo(RITA);
        assertThat(commit.get("reviews").get(0).get("source").asText()).isEqualTo("note refs/notes/reviews");
    }

    @Test
    void unreviewedCommitsFail() {
        SampleBuild build = SampleBuild.of("check-commits-single");
        Git git = Git.init(build.directory());
        git.commitPoms(ANN, "Add the sample build\n");
        git.run(ANN, null, "tag", "v1");
        String own = git.commitFile(ANN, "a.txt", "Add a\n\nAssisted-by: Cursor\nReviewed-by: " + ANN + "\n");
        String none = git.commitFile(ANN, "b.txt", "Add b\n\nCo-authored-by: Codex <noreply@openai.com>\n");
        git.commitFile(ANN, "c.txt", "Add c by hand\n");

        build.arguments("validate", "-Dprovenance.commits.since=v1").fails();

        assertThat(build.errorLines())
                .startsWith(
                        "[ERROR] Failed to execute goal dev.provenance:provenance-maven-plugin:"
                                + SampleBuild.pluginVersion() + ":check-commits (check) on project"
                                + " check-commits-single: 2 AI-involved commits in v1..HEAD have no accepted human"
                                + " review:",
                        "[ERROR] " + none.substring(0, 7) + " \"Add b\" (Co-authored-by: Codex <noreply@openai.com>):"
                                + " no Reviewed-by trailer or note; record a review with: git notes"
                                + " --ref=refs/notes/reviews add -m 'Reviewed-by: Name <mail>' " + none,
                        "[ERROR] " + own.substring(0, 7) + " \"Add a\" (Assisted-by: Cursor): trailer Reviewed-by '"
                                + ANN + "' does not count: the reviewer is the commit's author; record a review"
                                + " with: git notes --ref=refs/notes/reviews add -m 'Reviewed-by: Name <mail>' " + own,
                        "[ERROR] A reviewer must be a person who is not the author. Push recorded notes with 'git push"
                                + " origin refs/notes/reviews' and fetch them in CI with 'git fetch origin"
                                + " refs/notes/reviews:refs/notes/reviews'.");
        assertThat(build.log())
                .contains("[INFO] Checked 3 commits in v1..HEAD: 2 AI-involved, 0 reviewed, 2 without an accepted"
                        + " review");
    }

    @Test
    void reviewerOffListFails() {
        SampleBuild build = SampleBuild.of("check-commits-single");
        Git git = Git.init(build.directory());
        git.commitPoms(ANN, "Add the sample build\n");
        String ai = git.commitFile(ANN, "a.txt", "Add a\n\nAssisted-by: Gemini\nReviewed-by: " + RITA + "\n");

        build.arguments("validate", "-Dprovenance.commits.reviewers=olaf@example.com")
                .fails();

        assertThat(build.errorLines())
                .contains("[ERROR] " + ai.substring(0, 7) + " \"Add a\" (Assisted-by: Gemini): trailer Reviewed-by '"
                        + RITA + "' does not count: the reviewer is not on the reviewers list; record a review with:"
                        + " git notes --ref=refs/notes/reviews add -m 'Reviewed-by: Name <mail>' " + ai);
    }

    @Test
    void shallowCloneFails() throws IOException {
        SampleBuild build = SampleBuild.of("check-commits-single");
        Path origin = build.directory().resolveSibling(build.directory().getFileName() + "-origin");
        Files.createDirectories(origin);
        Git upstream = Git.init(origin);
        upstream.commitFile(ANN, "one.txt", "First\n");
        upstream.commitFile(ANN, "two.txt", "Second\n");
        Git git = Git.init(build.directory());
        git.run(ANN, null, "fetch", "-q", "--depth=1", "file://" + origin, "main");
        git.run(ANN, null, "reset", "-q", "FETCH_HEAD");
        String head = git.run(ANN, null, "rev-parse", "--short=7", "HEAD").strip();

        build.arguments("validate").fails();

        assertThat(build.errorLines())
                .contains("[ERROR] Failed to execute goal dev.provenance:provenance-maven-plugin:"
                        + SampleBuild.pluginVersion() + ":check-commits (check) on project check-commits-single: The"
                        + " clone is shallow: history ends at " + head
                        + " inside the range HEAD (whole history), so commits"
                        + " before it cannot be checked. To fix it, fetch the full history (GitHub Actions:"
                        + " actions/checkout with 'fetch-depth: 0'; GitLab CI: GIT_DEPTH: 0; locally: git fetch"
                        + " --unshallow), or set provenance.commits.allowIncompleteHistory=true to check only the"
                        + " fetched commits -> [Help 1]");
    }

    @Test
    void missingBaseRefFails() {
        SampleBuild build = SampleBuild.of("check-commits-single");
        Git git = Git.init(build.directory());
        git.commitPoms(ANN, "Add the sample build\n");

        build.arguments("validate", "-Dprovenance.commits.mergeBaseWith=origin/main")
                .fails();

        assertThat(build.errorLines().get(0))
                .contains(": provenance.commits.mergeBaseWith 'origin/main' does not name a commit in ")
                .endsWith(". Fetch it first (for example 'git fetch origin main'); in a shallow CI clone, fetch the"
                        + " full history (GitHub Actions: actions/checkout with 'fetch-depth: 0'; GitLab CI:"
                        + " GIT_DEPTH: 0; locally: git fetch --unshallow) -> [Help 1]");
    }

    @Test
    void outsideCheckoutFails() throws IOException {
        SampleBuild build = SampleBuild.of("check-commits-single");
        Path outside = Files.createTempDirectory("check-commits-outside");
        Files.copy(build.directory().resolve("pom.xml"), outside.resolve("pom.xml"));

        try {
            build.arguments("-f", outside.resolve("pom.xml").toString(), "validate")
                    .fails();
        } finally {
            Git.deleteTree(outside);
        }

        assertThat(build.errorLines())
                .contains("[ERROR] Failed to execute goal dev.provenance:provenance-maven-plugin:"
                        + SampleBuild.pluginVersion() + ":check-commits (check) on project check-commits-single: No"
                        + " git repository found in " + outside + " or any parent folder: build from a git checkout"
                        + " (in CI, check out the repository instead of downloading an archive), or set"
                        + " provenance.commits.skip=true to skip the commit check -> [Help 1]");
    }

    @Test
    void skipLogsReason() {
        SampleBuild build = SampleBuild.of("check-commits-single");

        build.arguments("validate", "-Dprovenance.commits.skip=true").succeeds();

        assertThat(build.log()).contains("[INFO] Skipping check-commits: provenance.commits.skip is true");
    }

    @Test
    void reactorModulesReportSame() throws IOException {
        SampleBuild build = SampleBuild.of("check-commits-reactor");
        Git git = Git.init(build.directory());
        git.commitPoms(ANN, "Add the sample build\n");
        git.commitFile(
                "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
                "module-a/x.txt",
                "Fix\n\nReviewed-by: " + RITA + "\n");

        build.arguments("validate").succeeds();

        String summary =
                "[INFO] Checked 2 commits in HEAD (whole history): 1 AI-involved, 1 reviewed, 0 without an accepted"
                        + " review";
        assertThat(build.log().lines().filter(summary::equals)).hasSize(3);
        byte[] root = Files.readAllBytes(build.directory().resolve("target/provenance/commits.json"));
        assertThat(build.directory().resolve("module-a/target/provenance/commits.json"))
                .hasBinaryContent(root);
        assertThat(build.directory().resolve("module-b/target/provenance/commits.json"))
                .hasBinaryContent(root);
    }

    @Test
    void repeatBuildReusesPassingScan() throws IOException {
        SampleBuild build = SampleBuild.of("check-commits-single");
        Git git = Git.init(build.directory());
        git.commitPoms(ANN, "Add the sample build\n");
        git.commitFile(ANN, "src/A.java", "Add A\n\nAssisted-by: Claude\nReviewed-by: " + RITA + "\n");
        build.arguments("validate").succeeds();
        Path report = build.directory().resolve("target/provenance/commits.json");
        byte[] written = Files.readAllBytes(report);

        SampleBuild again = SampleBuild.in(build.directory()).keepTarget().arguments("validate");
        again.succeeds();

        assertThat(again.log())
                .contains(SUMMARY_ONE_REVIEWED)
                .contains("[INFO] " + report + " is up to date: no ref, setting or plugin version changed since the"
                        + " scan that wrote it");
        assertThat(report).hasBinaryContent(written);

        // A new ref, a changed setting and an edited report each make the next build scan again.
        git.run(ANN, null, "tag", "v1");
        assertScansAgain(build.directory(), "validate");
        assertScansAgain(build.directory(), "validate", "-Dprovenance.commits.reviewers=rita@example.com");
        assertScansAgain(build.directory(), "validate");
        Files.writeString(report, "{}");
        assertScansAgain(build.directory(), "validate");
        assertThat(report).hasBinaryContent(written);
    }

    @Test
    void unreviewedCommitAfterReusedScanFails() {
        SampleBuild build = SampleBuild.of("check-commits-single");
        Git git = Git.init(build.directory());
        git.commitPoms(ANN, "Add the sample build\n");
        build.arguments("validate").succeeds();
        String ai = git.commitFile(ANN, "b.txt", "Add b\n\nGenerated-by: Copilot\n");
        Path record = build.directory().resolve("target/provenance/commits.inputs");
        assertThat(record).exists();

        SampleBuild failing = SampleBuild.in(build.directory()).keepTarget().arguments("validate");
        failing.fails();

        assertThat(failing.errorLines())
                .anySatisfy(line -> assertThat(line).startsWith("[ERROR] " + ai.substring(0, 7) + " \"Add b\""));
        assertThat(record).doesNotExist();

        // The build fails again on a repeat, because a failing scan is never recorded for reuse.
        SampleBuild.in(build.directory()).keepTarget().arguments("validate").fails();

        git.run(ANN, null, "notes", "--ref=refs/notes/reviews", "add", "-m", "Reviewed-by: " + RITA, ai);
        SampleBuild reviewed = SampleBuild.in(build.directory()).keepTarget().arguments("validate");
        reviewed.succeeds();
        assertThat(reviewed.log()).doesNotContain("is up to date").contains(SUMMARY_ONE_REVIEWED);
    }

    private static final String SUMMARY_ONE_REVIEWED =
            "[INFO] Checked 2 commits in HEAD (whole history): 1 AI-involved, 1 reviewed, 0 without an accepted review";

    private static void assertScansAgain(Path directory, String... arguments) {
        SampleBuild build = SampleBuild.in(directory).keepTarget().arguments(arguments);
        build.succeeds();
        assertThat(build.log()).doesNotContain("is up to date").contains(SUMMARY_ONE_REVIEWED);
    }

    private static JsonNode readReport(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    /** The git binary run in one repository with fixed identities and dates, so runs are repeatable. */
    static final class Git {

        private final Path directory;
        private int tick;

        private Git(Path directory) {
            this.directory = directory;
        }

        /**
         * Creates a new repository in {@code directory}. A repository left there by an earlier run without
         * {@code clean} is deleted first, because sample copies reuse their folder names.
         */
        static Git init(Path directory) {
            deleteTree(directory.resolve(".git"));
            Git git = new Git(directory);
            git.run(ANN, null, "init", "-q", "-b", "main");
            return git;
        }

        static void deleteTree(Path root) {
            if (!Files.exists(root)) {
                return;
            }
            try (var paths = Files.walk(root)) {
                for (Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + root, e);
            }
        }

        /** Commits the sample's POM files only, so files left by an earlier run stay out of the history. */
        String commitPoms(String author, String message) {
            run(author, null, "add", "--", "*pom.xml");
            run(author, message, "commit", "-q", "--cleanup=verbatim", "-F", "-");
            return run(author, null, "rev-parse", "HEAD").strip();
        }

        String commitFile(String author, String file, String message) {
            try {
                Path path = directory.resolve(file);
                Files.createDirectories(path.getParent());
                Files.writeString(path, message, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            run(author, null, "add", file);
            run(author, message, "commit", "-q", "--cleanup=verbatim", "-F", "-");
            return run(author, null, "rev-parse", "HEAD").strip();
        }

        String run(String identity, String input, String... arguments) {
            int open = identity.indexOf('<');
            String name = identity.substring(0, open).strip();
            String email = identity.substring(open + 1, identity.indexOf('>'));
            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
            String date = "2026-01-01T00:00:" + String.format("%02d", ++tick) + "Z";

            // Fixed identities and dates make commit ids repeatable; no user or system git configuration is read.
            Map<String, String> environment = builder.environment();
            environment.put("GIT_CONFIG_NOSYSTEM", "1");
            environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
            environment.put("GIT_AUTHOR_NAME", name);
            environment.put("GIT_AUTHOR_EMAIL", email);
            environment.put("GIT_COMMITTER_NAME", name);
            environment.put("GIT_COMMITTER_EMAIL", email);
            environment.put("GIT_AUTHOR_DATE", date);
            environment.put("GIT_COMMITTER_DATE", date);
            builder.redirectErrorStream(true);

            // Feed the input and fail with git's output on a non-zero exit.
            try {
                Process process = builder.start();
                try (OutputStream stdin = process.getOutputStream()) {
                    if (input != null) {
                        stdin.write(input.getBytes(StandardCharsets.UTF_8));
                    }
                }
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("git " + String.join(" ", arguments) + " failed: " + output);
                }
                return output;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
