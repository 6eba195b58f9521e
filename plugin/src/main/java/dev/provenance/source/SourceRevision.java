package dev.provenance.source;

import java.time.Instant;

/**
 * The git commit a build was made from.
 *
 * @param commit the full object id of {@code HEAD}
 * @param commitTime the committer time of that commit
 * @param remoteUrl the URL of the {@code origin} remote (or the only remote) without user information, or null
 */
public record SourceRevision(String commit, Instant commitTime, String remoteUrl) {}
