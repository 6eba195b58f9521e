package dev.provenance.commits;

import java.util.List;

/**
 * The outcome of scanning a range of commits.
 *
 * @param repository the git directory that was read
 * @param head the commit id of HEAD
 * @param range the range as requested
 * @param base the commit the range starts after, or null for the whole history
 * @param scanned how many commits were read
 * @param findings the AI-involved commits, newest first
 * @param warnings lines to show the user: markers that git does not parse, reviews that do not count, gaps
 */
public record ScanResult(
        String repository,
        String head,
        CommitRange range,
        String base,
        int scanned,
        List<CommitFinding> findings,
        List<String> warnings) {

    /** Returns the AI-involved commits that have no accepted review. */
    public List<CommitFinding> unreviewed() {
        return findings.stream().filter(finding -> !finding.reviewed()).toList();
    }
}
