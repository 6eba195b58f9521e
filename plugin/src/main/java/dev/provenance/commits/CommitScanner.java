package dev.provenance.commits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads a range of commits with JGit and reports the AI-involved ones with their reviews.
 *
 * <p>Each commit in the range is judged on its own message and identities, merge commits included; the commits that a
 * merge brings in are in the range too and are judged separately. Reverts and cherry-picks get no exemption.
 */
public final class CommitScanner {

    private static final String FULL_HISTORY_HINT = "fetch the full history (GitHub Actions: actions/checkout with"
            + " 'fetch-depth: 0'; GitLab CI: GIT_DEPTH: 0; locally: git fetch --unshallow)";

    /** Commits per batch handed to the detection thread: enough to hide the hand-over, few enough to bound memory. */
    private static final int BATCH_SIZE = 512;

    private final AiDetection detection;
    private final ReviewPolicy policy;
    private final boolean allowIncompleteHistory;

    /**
     * @param allowIncompleteHistory whether a shallow clone that lacks part of the range is scanned as far as it goes,
     *     with a warning. When false, such a clone fails the scan.
     */
    public CommitScanner(AiDetection detection, ReviewPolicy policy, boolean allowIncompleteHistory) {
        this.detection = detection;
        this.policy = policy;
        this.allowIncompleteHistory = allowIncompleteHistory;
    }

    /**
     * Scans {@code range} in the git repository that contains {@code directory}.
     *
     * @throws HistoryException when there is no repository, a ref is missing, or the clone is too shallow
     * @throws IOException when the repository cannot be read
     */
    public ScanResult scan(Path directory, CommitRange range) throws HistoryException, IOException {
        try (Repository repository = open(directory)) {
            return scan(repository, range);
        }
    }

    /**
     * Opens the repository whose work tree contains {@code directory}, searching parent folders as git does; like git,
     * it honours {@code GIT_DIR} and {@code GIT_CEILING_DIRECTORIES}.
     */
    public static Repository open(Path directory) throws HistoryException, IOException {
        FileRepositoryBuilder builder =
                new FileRepositoryBuilder().readEnvironment().findGitDir(directory.toFile());
        if (builder.getGitDir() == null) {
            throw new HistoryException("No git repository found in " + directory
                    + " or any parent folder: build from a git checkout (in CI, check out the repository instead of"
                    + " downloading an archive), or set provenance.commits.skip=true to skip the commit check");
        }
        return builder.setMustExist(true).build();
    }

    /**
     * Names what a scan of {@code repository} reads besides its settings: the repository's folder, the commit HEAD
     * points to and the commit of {@code notesRef}. Two scans with equal keys and equal settings give equal results.
     */
    public static String stateKey(Repository repository, String notesRef) throws IOException {
        ObjectId head = repository.resolve(Constants.HEAD);
        Ref notes = repository.exactRef(notesRef);
        return repository.getDirectory().getAbsolutePath() + "|" + (head == null ? null : head.name()) + "|"
                + (notes == null ? "-" : notes.getObjectId().name());
    }

    /** Scans {@code range} in an open repository. */
    public ScanResult scan(Repository repository, CommitRange range) throws HistoryException, IOException {
        ObjectId head = repository.resolve(Constants.HEAD);
        if (head == null) {
            throw new HistoryException("HEAD of " + repository.getDirectory()
                    + " does not point to a commit: commit first, or set provenance.commits.skip=true");
        }
        Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
        List<String> warnings = new ArrayList<>();
        List<CommitFinding> findings = new ArrayList<>();
        int scanned = 0;

        try (RevWalk walk = new RevWalk(repository);
                CommitInspector inspector = new CommitInspector(repository, detection, policy)) {
            RevCommit headCommit = walk.parseCommit(head);
            RevCommit base = new RangeStart(repository, shallow).find(walk, range, headCommit);
            walk.markStart(headCommit);
            if (base != null) {
                walk.markUninteresting(base);
            }
            // Messages are judged on a second thread while this one walks on, and batches keep the walk's order.
            // Only that thread uses the prefilter, whose identity cache is not thread-safe.
            CommitPrefilter prefilter = new CommitPrefilter(detection);
            ExecutorService detector = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "provenance-commit-detection");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<RevCommit> batch = new ArrayList<>(BATCH_SIZE);
                Batch inFlight = null;
                for (RevCommit commit : walk) {
                    scanned++;
                    batch.add(commit);
                    if (batch.size() == BATCH_SIZE) {
                        if (inFlight != null) {
                            finish(inFlight, inspector, range, shallow, findings, warnings);
                        }
                        inFlight = submit(detector, prefilter, inspector, batch);
                        batch = new ArrayList<>(BATCH_SIZE);
                    }
                }
                if (inFlight != null) {
                    finish(inFlight, inspector, range, shallow, findings, warnings);
                }
                finish(submit(detector, prefilter, inspector, batch), inspector, range, shallow, findings, warnings);
            } finally {
                detector.shutdownNow();
            }
            return new ScanResult(
                    repository.getDirectory().toString(),
                    head.name(),
                    range,
                    base == null ? null : base.name(),
                    scanned,
                    List.copyOf(findings),
                    List.copyOf(warnings));
        }
    }

    /** Commits whose messages are judged together, in walk order, with the pending result. */
    private record Batch(List<RevCommit> commits, Future<CommitInspector.Detected[]> detected) {}

    private static Batch submit(
            ExecutorService detector, CommitPrefilter prefilter, CommitInspector inspector, List<RevCommit> commits) {
        return new Batch(commits, detector.submit(() -> detect(prefilter, inspector, commits)));
    }

    /** Returns the markers of each commit, or null for a commit without any. Most commits skip the full parse. */
    private static CommitInspector.Detected[] detect(
            CommitPrefilter prefilter, CommitInspector inspector, List<RevCommit> commits) {
        CommitInspector.Detected[] detected = new CommitInspector.Detected[commits.size()];
        for (int i = 0; i < detected.length; i++) {
            RevCommit commit = commits.get(i);
            if (!prefilter.provesNoMarker(commit.getRawBuffer())) {
                detected[i] = inspector.detect(commit);
            }
        }
        return detected;
    }

    /** Completes the findings of one batch in walk order, then drops the messages the walk keeps. */
    private void finish(
            Batch batch,
            CommitInspector inspector,
            CommitRange range,
            Set<ObjectId> shallow,
            List<CommitFinding> findings,
            List<String> warnings)
            throws HistoryException, IOException {
        CommitInspector.Detected[] detected;
        try {
            detected = batch.detected().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading commit messages", e);
        } catch (ExecutionException e) {
            throw new IOException(
                    "could not read a commit message: " + e.getCause().getMessage(), e.getCause());
        }
        for (int i = 0; i < batch.commits().size(); i++) {
            RevCommit commit = batch.commits().get(i);

            // A shallow commit looks parentless, so the range may go on in history that was not fetched.
            if (shallow.contains(commit)) {
                reportIncomplete(commit, range, warnings);
            }
            if (detected[i] != null) {
                findings.add(inspector.complete(detected[i], warnings));
            }

            // The walk keeps every commit it has seen; dropping the raw message keeps the heap small.
            commit.disposeBody();
        }
    }

    private void reportIncomplete(RevCommit commit, CommitRange range, List<String> warnings) throws HistoryException {
        String message =
                "The clone is shallow: history ends at " + commit.abbreviate(7).name() + " inside the range " + range
                        + ", so commits before it cannot be checked";
        if (!allowIncompleteHistory) {
            throw new HistoryException(message + ". To fix it, " + FULL_HISTORY_HINT
                    + ", or set provenance.commits.allowIncompleteHistory=true to check only the fetched commits");
        }
        warnings.add(message + "; only the fetched commits were checked (allowIncompleteHistory is true)");
    }

    /** Resolves where a range starts. */
    private record RangeStart(Repository repository, Set<ObjectId> shallow) {

        RevCommit find(RevWalk walk, CommitRange range, RevCommit head) throws HistoryException, IOException {
            return switch (range.kind()) {
                case ALL -> null;
                case SINCE -> resolve(walk, range.ref(), "provenance.commits.since");
                case MERGE_BASE ->
                    walk.parseCommit(mergeBase(head, resolve(walk, range.ref(), "provenance.commits.mergeBaseWith")));
            };
        }

        private RevCommit resolve(RevWalk walk, String ref, String property) throws HistoryException, IOException {
            ObjectId id;
            try {
                id = repository.resolve(ref + "^{commit}");
            } catch (org.eclipse.jgit.errors.RevisionSyntaxException
                    | org.eclipse.jgit.errors.AmbiguousObjectException
                    | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
                throw new HistoryException(property + " '" + ref + "' is not a valid ref, tag or commit: "
                        + e.getMessage() + ". Use a name that 'git rev-parse' accepts, such as origin/main");
            } catch (org.eclipse.jgit.errors.MissingObjectException e) {
                id = null;
            }
            if (id == null) {
                throw new HistoryException(property + " '" + ref + "' does not name a commit in "
                        + repository.getDirectory() + ". Fetch it first (for example 'git fetch origin main'); in a"
                        + " shallow CI clone, " + FULL_HISTORY_HINT);
            }
            return walk.parseCommit(id);
        }

        /** Returns the id of the best common ancestor; a separate walk, because the merge-base filter marks commits. */
        private ObjectId mergeBase(RevCommit head, RevCommit branch) throws HistoryException, IOException {
            try (RevWalk walk = new RevWalk(repository)) {
                walk.setRevFilter(org.eclipse.jgit.revwalk.filter.RevFilter.MERGE_BASE);
                walk.markStart(walk.parseCommit(head));
                walk.markStart(walk.parseCommit(branch));
                RevCommit base = walk.next();
                if (base != null) {
                    return base.copy();
                }
            }
            String hint = shallow.isEmpty()
                    ? "Check that provenance.commits.mergeBaseWith names the branch this one was made from"
                    : "The clone is shallow, so the common ancestor may not have been fetched: " + FULL_HISTORY_HINT;
            throw new HistoryException("HEAD and " + branch.abbreviate(7).name()
                    + " have no common ancestor in the fetched history. " + hint);
        }
    }
}
