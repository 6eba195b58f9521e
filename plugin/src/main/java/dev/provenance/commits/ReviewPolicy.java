package dev.provenance.commits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What counts as a human review of an AI-involved commit.
 *
 * @param reviewKeys trailer keys, in the commit message or in a note, that name a reviewer; case is ignored
 * @param reviewers the team's reviewers; empty means any person who passes the other rules
 * @param notesRef the notes ref that contains reviews recorded after the commit, such as {@code refs/notes/reviews}
 * @param trustedKeys when not null, a review counts only if the commit (for trailers) or the note carries a valid
 *     OpenPGP signature from one of these keys
 */
public record ReviewPolicy(
        List<String> reviewKeys, List<Identity> reviewers, String notesRef, TrustedKeys trustedKeys) {

    /** The notes ref that reviews are read from unless configured otherwise. */
    public static final String DEFAULT_NOTES_REF = "refs/notes/reviews";

    /**
     * Creates a policy from its text form.
     *
     * @throws IllegalArgumentException naming the invalid key, reviewer or ref
     */
    public static ReviewPolicy of(
            List<String> reviewKeys, List<String> reviewers, String notesRef, TrustedKeys trustedKeys) {
        if (reviewKeys.isEmpty()) {
            throw new IllegalArgumentException(
                    "reviewTrailers is empty: name at least one trailer key, such as Reviewed-by");
        }
        for (String key : reviewKeys) {
            if (key.isEmpty() || TrailerParser.findSeparator(key + ":", 0) != key.length()) {
                throw new IllegalArgumentException("reviewTrailers contains '" + key
                        + "', which is not a git trailer key: use ASCII letters, digits and '-' only");
            }
        }
        if (!notesRef.startsWith("refs/notes/") || notesRef.length() == "refs/notes/".length()) {
            throw new IllegalArgumentException("notesRef '" + notesRef
                    + "' is not under refs/notes/: use a full ref name such as " + DEFAULT_NOTES_REF);
        }
        List<Identity> team = new ArrayList<>();
        for (String reviewer : reviewers) {
            team.add(parseReviewer(reviewer));
        }
        return new ReviewPolicy(List.copyOf(reviewKeys), List.copyOf(team), notesRef, trustedKeys);
    }

    private static Identity parseReviewer(String text) {
        Identity identity = text.contains("<") ? Identity.parse(text) : new Identity("", text.strip());
        if (!identity.hasEmail() || !identity.email().contains("@")) {
            throw new IllegalArgumentException("reviewers contains '" + text
                    + "', which has no email address: write 'Name <email>' or just the email");
        }
        return identity;
    }

    /** Returns true when {@code key} names a reviewer. */
    public boolean isReviewKey(String key) {
        for (String reviewKey : reviewKeys) {
            if (reviewKey.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns why {@code reviewer} cannot review a commit by {@code author}, or null when the reviewer counts. The
     * signature rule is checked separately because it depends on where the review was found.
     */
    public String judge(String reviewer, Identity author, AiDetection detection) {
        Identity identity = Identity.parse(reviewer);
        if (!identity.hasEmail() || !identity.email().contains("@")) {
            return "the reviewer is not in 'Name <email>' form";
        }
        if (detection.isAiIdentity(reviewer)) {
            return "the reviewer is an AI identity";
        }
        if (identity.samePerson(author)) {
            return "the reviewer is the commit's author";
        }
        if (!reviewers.isEmpty() && !onTeam(identity)) {
            return "the reviewer is not on the reviewers list";
        }
        return null;
    }

    private boolean onTeam(Identity identity) {
        String email = identity.email().toLowerCase(Locale.ROOT);
        for (Identity member : reviewers) {
            if (member.email().toLowerCase(Locale.ROOT).equals(email)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the first review key, which the suggested {@code git notes} command uses. */
    public String primaryKey() {
        return reviewKeys.get(0);
    }
}
