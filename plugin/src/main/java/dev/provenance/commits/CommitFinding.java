package dev.provenance.commits;

import java.util.List;

/**
 * An AI-involved commit in the scanned range, with the evidence found for it.
 *
 * @param id the full commit id
 * @param subject the first line of the message
 * @param author the author as {@code Name <email>}
 * @param committer the committer as {@code Name <email>}
 * @param parents the number of parents; more than one means a merge commit
 * @param reverts the commit named by a {@code This reverts commit} line, or null
 * @param cherryPickedFrom the commit named by a {@code (cherry picked from commit ...)} line, or null
 * @param markers the AI markers, in the order found
 * @param files paths changed against the first parent, or against the empty tree for a root commit
 * @param reviews every review found, accepted or not
 */
public record CommitFinding(
        String id,
        String subject,
        String author,
        String committer,
        int parents,
        String reverts,
        String cherryPickedFrom,
        List<AiMarker> markers,
        List<String> files,
        List<Review> reviews) {

    /** Returns true when at least one review satisfies the policy. */
    public boolean reviewed() {
        return reviews.stream().anyMatch(Review::accepted);
    }

    /** Returns the abbreviated id that git prints by default. */
    public String shortId() {
        return id.substring(0, 7);
    }
}
