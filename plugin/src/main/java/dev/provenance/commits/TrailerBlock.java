package dev.provenance.commits;

import java.util.List;

/**
 * The trailer block that git finds in a commit message.
 *
 * @param start offset of the first line of the block; equals {@code end} when git accepts no block
 * @param end offset after the last line that can belong to the block
 * @param patchStart offset of the {@code ---} divider line, or the message length when there is none or the divider
 *     is off
 * @param trailers the trailers in the block, in message order
 */
public record TrailerBlock(int start, int end, int patchStart, List<Trailer> trailers) {

    /** Returns true when git accepted a trailer block. */
    public boolean accepted() {
        return start < end;
    }
}
