package dev.provenance.commits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/** Judges one commit: finds its AI markers and, for AI-involved commits, its files and reviews. */
final class CommitInspector implements AutoCloseable {

    private static final Pattern REVERTS = Pattern.compile("This reverts commit ([0-9a-f]{7,64})");
    private static final Pattern CHERRY_PICK = Pattern.compile("\\(cherry picked from commit ([0-9a-f]{7,64})\\)");
    private static final String SIGNATURE_START = "-----BEGIN PGP SIGNATURE-----";
    private static final int MAX_NOTE_BYTES = 1 << 20;

    private final Repository repository;
    private final AiDetection detection;
    private final ReviewPolicy policy;
    private final ObjectReader reader;
    private final RevWalk parents;
    private final DiffFormatter diff;
    private final NoteMap notes;

    CommitInspector(Repository repository, AiDetection detection, ReviewPolicy policy) throws IOException {
        this.repository = repository;
        this.detection = detection;
        this.policy = policy;
        this.reader = repository.newObjectReader();
        this.parents = new RevWalk(reader);
        this.diff = new DiffFormatter(DisabledOutputStream.INSTANCE);
        diff.setRepository(repository);
        this.notes = readNotes();
    }

    private NoteMap readNotes() throws IOException {
        Ref ref = repository.exactRef(policy.notesRef());
        if (ref == null) {
            return NoteMap.newEmptyMap();
        }
        return NoteMap.read(reader, parents.parseCommit(ref.getObjectId()));
    }

    /** The AI markers that one commit's message and identities show, found before any other object is read. */
    record Detected(
            RevCommit commit,
            String message,
            TrailerBlock block,
            List<AiMarker> markers,
            List<String> warnings,
            List<MessageLines.KeyLine> unparsedReviews,
            String author,
            String committer) {}

    /** Returns the finding for {@code commit}, or null when the commit shows no AI involvement. */
    CommitFinding inspect(RevCommit commit, List<String> warnings) throws IOException {
        Detected detected = detect(commit);
        return detected == null ? null : complete(detected, warnings);
    }

    /**
     * Returns the AI markers of {@code commit}, or null when it shows none. Reads only the commit's own message and
     * identities, and none of this inspector's readers, so it may run on another thread than the walk.
     */
    Detected detect(RevCommit commit) {
        String message = commit.getFullMessage();
        TrailerBlock block = TrailerParser.findBlock(message, true);
        List<AiMarker> markers = new ArrayList<>();
        List<String> commitWarnings = new ArrayList<>();

        for (Trailer trailer : block.trailers()) {
            if (detection.isMarker(trailer.key(), trailer.value())) {
                markers.add(new AiMarker(AiMarker.Source.TRAILER, trailer.toString()));
            }
        }

        // Lines that look like trailers but that git skips: AI markers still count, reviews do not.
        List<MessageLines.KeyLine> unparsedReviews = new ArrayList<>();
        for (MessageLines.KeyLine line : MessageLines.find(message, block)) {
            if (detection.isMarker(line.key(), line.value())) {
                markers.add(new AiMarker(AiMarker.Source.UNPARSED_LINE, line.text()));
                commitWarnings.add(abbreviate(commit) + ": line " + line.number() + " '" + line.text()
                        + "' counts as AI involvement, but git does not parse it as a trailer: "
                        + line.unparsedReason());
            } else if (policy.isReviewKey(line.key())) {
                unparsedReviews.add(line);
            }
        }
        for (String line : detection.findMessageMarkers(message)) {
            markers.add(new AiMarker(AiMarker.Source.MESSAGE, line));
        }
        String author = format(commit.getAuthorIdent());
        String committer = format(commit.getCommitterIdent());
        if (detection.isAiIdentity(author)) {
            markers.add(new AiMarker(AiMarker.Source.AUTHOR, author));
        }
        if (detection.isAiIdentity(committer)) {
            markers.add(new AiMarker(AiMarker.Source.COMMITTER, committer));
        }
        if (markers.isEmpty()) {
            return null;
        }
        return new Detected(commit, message, block, markers, commitWarnings, unparsedReviews, author, committer);
    }

    /** Completes the finding of an AI-involved commit with its changed files and reviews, on the walk's thread. */
    CommitFinding complete(Detected detected, List<String> warnings) throws IOException {
        RevCommit commit = detected.commit();
        warnings.addAll(detected.warnings());
        for (MessageLines.KeyLine line : detected.unparsedReviews()) {
            warnings.add(abbreviate(commit) + ": line " + line.number() + " '" + line.text()
                    + "' is not counted as a review, because git does not parse it as a trailer: "
                    + line.unparsedReason());
        }
        return new CommitFinding(
                commit.name(),
                commit.getShortMessage(),
                detected.author(),
                detected.committer(),
                commit.getParentCount(),
                firstGroup(REVERTS, detected.message()),
                firstGroup(CHERRY_PICK, detected.message()),
                List.copyOf(detected.markers()),
                changedFiles(commit),
                reviews(commit, detected.block(), Identity.parse(detected.author()), warnings));
    }

    private List<Review> reviews(RevCommit commit, TrailerBlock block, Identity author, List<String> warnings)
            throws IOException {
        List<Review> reviews = new ArrayList<>();
        TrustedKeys.Check commitSignature =
                policy.trustedKeys() == null ? null : CommitSignature.check(commit, policy.trustedKeys());
        for (Trailer trailer : block.trailers()) {
            if (policy.isReviewKey(trailer.key())) {
                String rejection = judge(trailer.value(), author, commitSignature, "the commit");
                reviews.add(new Review(trailer.value(), "trailer " + trailer.key(), rejection));
            }
        }

        Note note = notes.getNote(commit);
        if (note != null) {
            String text = new String(reader.open(note.getData()).getBytes(MAX_NOTE_BYTES), StandardCharsets.UTF_8);
            int signature = text.indexOf(SIGNATURE_START);
            String body = signature < 0 ? text : text.substring(0, signature);
            TrustedKeys.Check noteSignature = policy.trustedKeys() == null
                    ? null
                    : signature < 0
                            ? TrustedKeys.Check.UNSIGNED
                            : policy.trustedKeys()
                                    .check(body.getBytes(StandardCharsets.UTF_8), text.substring(signature));
            int before = reviews.size();
            for (String line : body.split("\n")) {
                int separator = TrailerParser.findSeparator(line, 0);
                if (separator >= 1
                        && policy.isReviewKey(line.substring(0, separator).strip())) {
                    String reviewer = line.substring(separator + 1).strip();
                    String rejection = judge(reviewer, author, noteSignature, "the note");
                    reviews.add(new Review(reviewer, "note " + policy.notesRef(), rejection));
                }
            }

            // A note that names no reviewer is most likely a typo in the key, so warn instead of ignoring it.
            if (reviews.size() == before) {
                warnings.add(abbreviate(commit) + ": the note under " + policy.notesRef() + " has no '"
                        + policy.primaryKey() + ": Name <email>' line at the start of a line, so it records no"
                        + " review");
            }
        }
        return List.copyOf(reviews);
    }

    /**
     * Returns why a review does not count, or null when it does.
     *
     * @param signature the check of the carrier's signature, or null when signed reviews are not required
     */
    private String judge(String reviewer, Identity author, TrustedKeys.Check signature, String carrier) {
        String rejection = policy.judge(reviewer, author, detection);
        if (rejection == null && signature != null && !signature.valid()) {
            return carrier + " has no valid signature from a key in "
                    + policy.trustedKeys().file()
                    + (signature.problem() == null ? "" : ": " + signature.problem());
        }
        return rejection;
    }

    /** Lists paths changed against the first parent; a merge's other parents are commits of their own. */
    private List<String> changedFiles(RevCommit commit) throws IOException {
        RevTree before = null;
        if (commit.getParentCount() > 0) {
            before = parents.parseCommit(commit.getParent(0)).getTree();
        }
        List<String> files = new ArrayList<>();
        for (DiffEntry entry : diff.scan(before, parents.parseTree(commit.getTree()))) {
            files.add(entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath());
        }
        return List.copyOf(files);
    }

    private static String firstGroup(Pattern pattern, String message) {
        Matcher matcher = pattern.matcher(message);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Formats an identity as {@code Name <email>}, the text that the identity patterns match. */
    static String format(PersonIdent person) {
        return person.getName() + " <" + person.getEmailAddress() + ">";
    }

    private static String abbreviate(RevCommit commit) {
        return commit.name().substring(0, 7);
    }

    @Override
    public void close() {
        diff.close();
        parents.close();
        reader.close();
    }
}
