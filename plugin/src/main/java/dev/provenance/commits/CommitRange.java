package dev.provenance.commits;

/**
 * The range of commits that a scan covers. It always ends at {@code HEAD}.
 *
 * @param kind how the start of the range is found
 * @param ref the ref, tag or commit that {@code kind} uses; null for {@link Kind#ALL}
 */
public record CommitRange(Kind kind, String ref) {

    /** The way the start of a range is found. */
    public enum Kind {
        /** Commits reachable from HEAD but not from {@code ref}: {@code git log ref..HEAD}. */
        SINCE,
        /** Commits since the merge base of HEAD and the branch {@code ref}, the pull-request case. */
        MERGE_BASE,
        /** Every commit reachable from HEAD. */
        ALL
    }

    /** Returns the range of commits reachable from HEAD but not from {@code ref}. */
    public static CommitRange since(String ref) {
        return new CommitRange(Kind.SINCE, ref);
    }

    /** Returns the range of commits since the merge base of HEAD and {@code branch}. */
    public static CommitRange mergeBase(String branch) {
        return new CommitRange(Kind.MERGE_BASE, branch);
    }

    /** Returns the whole history reachable from HEAD. */
    public static CommitRange all() {
        return new CommitRange(Kind.ALL, null);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SINCE -> ref + "..HEAD";
            case MERGE_BASE -> "merge-base(HEAD, " + ref + ")..HEAD";
            case ALL -> "HEAD (whole history)";
        };
    }
}
