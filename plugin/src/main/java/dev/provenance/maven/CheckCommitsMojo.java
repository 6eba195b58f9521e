package dev.provenance.maven;

import dev.provenance.commits.AiDetection;
import dev.provenance.commits.CommitFinding;
import dev.provenance.commits.CommitRange;
import dev.provenance.commits.CommitScanner;
import dev.provenance.commits.CommitsReport;
import dev.provenance.commits.HistoryException;
import dev.provenance.commits.Review;
import dev.provenance.commits.ReviewPolicy;
import dev.provenance.commits.ScanRecord;
import dev.provenance.commits.ScanResult;
import dev.provenance.commits.TrustedKeys;
import dev.provenance.source.GitRefsDigest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.jgit.lib.Repository;

/**
 * Finds AI-generated or AI-assisted commits from git trailers, identities and message lines, and fails the build
 * unless each one has a recorded human reviewer who is not its author.
 *
 * <p>Writes {@code commits.json} with every AI-involved commit, its markers, files and reviews. In a multi-module
 * build every module checks the same repository and range: the first module scans, the others reuse that result, so
 * all modules report and write the same thing.
 *
 * @since 0.1.0
 */
@Mojo(name = "check-commits", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckCommitsMojo extends AbstractMojo {

    /** Scan results of this JVM, keyed by repository, HEAD, notes and settings, so each module reports the same. */
    private static final Map<String, ScanResult> RESULTS = new HashMap<>();

    private static final int MAX_CACHED_RESULTS = 16;

    /**
     * Skips the check. The build logs that it skipped.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Checks the commits reachable from HEAD but not from this ref, tag or commit ({@code git log since..HEAD}), for
     * example {@code origin/main} or {@code v1.2.0}. Leave it and {@link #mergeBaseWith} unset to check the whole
     * history. Setting both is an error.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.since")
    private String since;

    /**
     * Checks the commits since the merge base of HEAD and this branch, the pull-request case: for example
     * {@code origin/main}. Leave it and {@link #since} unset to check the whole history.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.mergeBaseWith")
    private String mergeBaseWith;

    /**
     * When true, a shallow clone that lacks part of the range is checked as far as it goes, with a warning. When
     * false (the default) the build fails with the command that fetches the full history.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.allowIncompleteHistory", defaultValue = "false")
    private boolean allowIncompleteHistory;

    /**
     * Trailer keys that mark a commit as AI-involved whatever their value; case is ignored and a trailing {@code *}
     * matches any suffix. Default: {@code Assisted-by, Generated-by, Co-authored-by-AI, Made-with, Claude-Session,
     * AI-*, Ai-assisted}. Setting it replaces the default list.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.aiTrailers")
    private List<String> aiTrailers;

    /**
     * Trailer keys that mark a commit as AI-involved when their value matches {@link #aiIdentities}. Default:
     * {@code Co-authored-by, Co-developed-by}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.aiIdentityTrailers")
    private List<String> aiIdentityTrailers;

    /**
     * Java regular expressions, matched case-insensitively against a whole {@code Name <email>}, that identify an AI
     * tool or bot. They apply to identity trailers, to the author and committer, and to reviewers, who must not
     * match. The default covers Claude, Copilot, Cursor, Codex, Aider, Gemini, Devin and OpenCode names and noreply
     * addresses, Aider's {@code (aider)} suffix and every {@code [bot]} account; see the check-commits page for the
     * exact list. Setting it replaces the default list.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.aiIdentities")
    private List<String> aiIdentities;

    /**
     * Java regular expressions, case-sensitive, that mark a commit as AI-involved when found in any line of its
     * message. Default:
     * {@code Generated with \[(Claude Code|Devin)\]} and {@code Made with \[Cursor\]}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.aiMessagePatterns")
    private List<String> aiMessagePatterns;

    /**
     * Trailer keys that record a reviewer, in the commit message or in a note. Default: {@code Reviewed-by}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.reviewTrailers", defaultValue = "Reviewed-by")
    private List<String> reviewTrailers;

    /**
     * The team's reviewers, as {@code Name <email>} or just the email; a review counts only when its email is on
     * the list. Empty (the default) accepts any person who is not the author and not an AI identity.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.reviewers")
    private List<String> reviewers;

    /**
     * The notes ref that contains reviews recorded after the commit, one {@code Reviewed-by: Name <email>} line each.
     * CI must fetch it, for example {@code git fetch origin refs/notes/reviews:refs/notes/reviews}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.notesRef", defaultValue = ReviewPolicy.DEFAULT_NOTES_REF)
    private String notesRef;

    /**
     * A file of OpenPGP public keys ({@code gpg --export --armor}). When set, a review counts only if the commit
     * carries a valid signature from one of these keys (for a trailer review) or the note ends with one (for a note
     * review). A key that was revoked, or had expired when it signed, and an expired signature do not count. Unset by
     * default: signatures are not required.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.commits.trustedKeys")
    private File trustedKeys;

    /**
     * The JSON report of AI-involved commits.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = "provenance.commits.outputFile",
            defaultValue = "${project.build.directory}/provenance/commits.json")
    private File outputFile;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping check-commits: provenance.commits.skip is true");
            return;
        }
        CommitRange range = range();
        Path record = buildDirectory.toPath().resolve("provenance/commits.inputs");
        Optional<String> inputs = recordInputs(range);
        if (inputs.isPresent() && reuse(record, inputs.get())) {
            return;
        }
        deleteRecord(record);

        CommitScanner scanner = new CommitScanner(detection(), policy(), allowIncompleteHistory);
        ScanResult result = scan(scanner, range);

        result.warnings().forEach(getLog()::warn);
        writeReport(result);
        String summary = summary(result);
        getLog().info(summary);
        logDetails(result);
        failOnUnreviewed(result);
        if (inputs.isPresent()) {
            writeRecord(record, inputs.get(), summary, result.warnings());
        }
    }

    /**
     * Returns a digest of what a passing scan's result depends on: this plugin's jar, the settings, the report's
     * location and every ref. Returns empty when the result can change while these stay the same, which is the case
     * with {@code trustedKeys} (a signature can expire) and with a range start that reads the reflog. Also returns
     * empty when the refs cannot be read without JGit.
     */
    private Optional<String> recordInputs(CommitRange range) {
        if (trustedKeys != null) {
            getLog().debug("The scan is not recorded for reuse: signature checks depend on the current time");
            return Optional.empty();
        }
        if (range.ref() != null && range.ref().contains("@{")) {
            getLog().debug("The scan is not recorded for reuse: the range start " + range.ref() + " reads the reflog");
            return Optional.empty();
        }
        try {
            Optional<String> refs = GitRefsDigest.read(basedir.toPath());
            if (refs.isEmpty()) {
                getLog().debug("The scan is not recorded for reuse: the repository's refs are not plain files");
                return Optional.empty();
            }
            return Optional.of(ScanRecord.inputsDigest(List.of(
                    "plugin " + SbomInputs.pluginIdentity(mojoExecution),
                    "settings " + cacheKey("", range),
                    "report " + outputFile.getAbsolutePath(),
                    "refs " + refs.get())));
        } catch (IOException e) {
            getLog().debug("The scan is not recorded for reuse: " + e.getMessage());
            return Optional.empty();
        }
    }

    private boolean reuse(Path record, String inputs) {
        Optional<ScanRecord.Reused> reused;
        try {
            reused = ScanRecord.reuse(record, inputs, outputFile.toPath());
        } catch (IOException e) {
            getLog().debug("Could not read " + record + ", so the history is scanned again: " + e.getMessage());
            return false;
        }
        if (reused.isEmpty()) {
            return false;
        }
        reused.get().warnings().forEach(getLog()::warn);
        getLog().info(reused.get().summary());
        getLog().info(outputFile + " is up to date: no ref, setting or plugin version changed since the scan that"
                + " wrote it");
        return true;
    }

    private void deleteRecord(Path record) throws MojoExecutionException {
        try {
            ScanRecord.delete(record);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not delete " + record + ": " + e.getMessage(), e);
        }
    }

    private void writeRecord(Path record, String inputs, String summary, List<String> warnings)
            throws MojoExecutionException {
        try {
            ScanRecord.write(record, inputs, outputFile.toPath(), summary, warnings);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write " + record + ": " + e.getMessage(), e);
        }
    }

    private CommitRange range() throws MojoExecutionException {
        boolean hasSince = since != null && !since.isBlank();
        boolean hasMergeBase = mergeBaseWith != null && !mergeBaseWith.isBlank();
        if (hasSince && hasMergeBase) {
            throw new MojoExecutionException("Both since ('" + since + "') and mergeBaseWith ('" + mergeBaseWith
                    + "') are set, but a range has one start: set only one of provenance.commits.since and"
                    + " provenance.commits.mergeBaseWith");
        }
        if (hasSince) {
            return CommitRange.since(since.strip());
        }
        return hasMergeBase ? CommitRange.mergeBase(mergeBaseWith.strip()) : CommitRange.all();
    }

    private AiDetection detection() throws MojoExecutionException {
        try {
            return AiDetection.of(
                    orDefault(aiTrailers, AiDetection.DEFAULT_MARKER_KEYS),
                    orDefault(aiIdentityTrailers, AiDetection.DEFAULT_IDENTITY_KEYS),
                    orDefault(aiIdentities, AiDetection.DEFAULT_IDENTITIES),
                    orDefault(aiMessagePatterns, AiDetection.DEFAULT_MESSAGE_PATTERNS));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Invalid check-commits configuration: " + e.getMessage(), e);
        }
    }

    private ReviewPolicy policy() throws MojoExecutionException {
        try {
            TrustedKeys keys = trustedKeys == null ? null : TrustedKeys.load(trustedKeys.toPath());
            return ReviewPolicy.of(
                    orDefault(reviewTrailers, List.of("Reviewed-by")), orDefault(reviewers, List.of()), notesRef, keys);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Invalid check-commits configuration: " + e.getMessage(), e);
        }
    }

    private static List<String> orDefault(List<String> configured, List<String> defaults) {
        return configured == null || configured.isEmpty() ? defaults : configured;
    }

    /** Scans once per repository state and settings; later modules of the reactor reuse the result. */
    private ScanResult scan(CommitScanner scanner, CommitRange range) throws MojoExecutionException {
        try (Repository repository = CommitScanner.open(basedir.toPath())) {
            String key = cacheKey(CommitScanner.stateKey(repository, notesRef), range);
            synchronized (RESULTS) {
                ScanResult cached = RESULTS.get(key);
                if (cached != null) {
                    getLog().debug("Reusing the commit scan of another module for " + key);
                    return cached;
                }
                ScanResult result = scanner.scan(repository, range);

                // A long-lived JVM (mvnd) runs many builds; old HEADs are never asked for again.
                if (RESULTS.size() >= MAX_CACHED_RESULTS) {
                    RESULTS.clear();
                }
                RESULTS.put(key, result);
                return result;
            }
        } catch (HistoryException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "Could not read the git repository of " + basedir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds the key of a scan result. It takes a string, not a JGit type, because Maven loads the types in every
     * mojo's signatures whichever goal runs, and loading JGit's signed jar slows every goal.
     */
    private String cacheKey(String repositoryState, CommitRange range) {
        return String.join(
                "|",
                repositoryState,
                range.toString(),
                String.valueOf(allowIncompleteHistory),
                String.valueOf(aiTrailers),
                String.valueOf(aiIdentityTrailers),
                String.valueOf(aiIdentities),
                String.valueOf(aiMessagePatterns),
                String.valueOf(reviewTrailers),
                String.valueOf(reviewers),
                notesRef,
                String.valueOf(trustedKeys == null ? null : trustedKeys.getAbsolutePath()));
    }

    private void writeReport(ScanResult result) throws MojoExecutionException {
        try {
            CommitsReport.write(result, outputFile.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write " + outputFile + ": " + e.getMessage(), e);
        }
    }

    private static String summary(ScanResult result) {
        int unreviewed = result.unreviewed().size();
        return String.format(
                "Checked %d commits in %s: %d AI-involved, %d reviewed, %d without an accepted review",
                result.scanned(),
                result.range(),
                result.findings().size(),
                result.findings().size() - unreviewed,
                unreviewed);
    }

    private void logDetails(ScanResult result) {
        getLog().info("Wrote " + outputFile);
        if (getLog().isDebugEnabled()) {
            for (CommitFinding finding : result.findings()) {
                getLog().debug(finding.shortId() + " " + finding.markers() + " reviews " + finding.reviews());
            }
        }
    }

    private void failOnUnreviewed(ScanResult result) throws MojoFailureException {
        List<CommitFinding> unreviewed = result.unreviewed();
        if (unreviewed.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(unreviewed.size() + " AI-involved " + (unreviewed.size() == 1 ? "commit" : "commits") + " in "
                + result.range() + " " + (unreviewed.size() == 1 ? "has" : "have")
                + " no accepted human review:");
        for (CommitFinding finding : unreviewed) {
            lines.add(describe(finding));
        }
        lines.add("A reviewer must be a person who is not the author"
                + (reviewers == null || reviewers.isEmpty() ? "" : " and who is on the reviewers list")
                + ". Push recorded notes with 'git push origin " + notesRef + "' and fetch them in CI with 'git fetch"
                + " origin " + notesRef + ":" + notesRef + "'.");
        throw new MojoFailureException(String.join(System.lineSeparator(), lines));
    }

    private String describe(CommitFinding finding) {
        String missing = finding.reviews().isEmpty()
                ? "no " + String.join(" or ", orDefault(reviewTrailers, List.of("Reviewed-by"))) + " trailer or note"
                : String.join(
                        "; ", finding.reviews().stream().map(this::rejected).toList());
        boolean hasNote =
                finding.reviews().stream().anyMatch(review -> review.source().startsWith("note "));
        String key = orDefault(reviewTrailers, List.of("Reviewed-by")).get(0);
        return finding.shortId() + " \"" + finding.subject() + "\" ("
                + finding.markers().get(0).text() + "): "
                + missing + "; record a review with: git notes --ref=" + notesRef + " " + (hasNote ? "append" : "add")
                + " -m '" + key + ": Name <mail>' " + finding.id();
    }

    private String rejected(Review review) {
        return review.source() + " '" + review.reviewer() + "' does not count: " + review.rejection();
    }
}
