package dev.provenance.commits;

/**
 * One sign that a commit was generated or assisted by an AI tool.
 *
 * @param source where the sign was found
 * @param text the trailer, line or identity as found, for example {@code Assisted-by: Claude}
 */
public record AiMarker(Source source, String text) {

    /** The part of a commit in which an AI marker was found. */
    public enum Source {
        /** A trailer that git parses. */
        TRAILER,
        /** A line that looks like an AI trailer but that git does not parse as one. */
        UNPARSED_LINE,
        /** A line of the message body that a known tool writes, such as "Generated with [Claude Code]". */
        MESSAGE,
        /** The commit's author identity. */
        AUTHOR,
        /** The commit's committer identity. */
        COMMITTER
    }
}
