package dev.provenance.commits;

/**
 * One recorded review of a commit and whether it satisfies the review policy.
 *
 * @param reviewer the reviewer as recorded, for example {@code Rita Reviewer <rita@example.com>}
 * @param source where the review was found: {@code trailer Reviewed-by} or {@code note refs/notes/reviews}
 * @param rejection why the review does not count, or null when it counts
 */
public record Review(String reviewer, String source, String rejection) {

    /** Returns true when the review satisfies the policy. */
    public boolean accepted() {
        return rejection == null;
    }
}
