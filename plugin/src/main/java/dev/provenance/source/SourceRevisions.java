package dev.provenance.source;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Reads the commit and remote of the git checkout that contains a directory. */
public final class SourceRevisions {

    private SourceRevisions() {}

    /**
     * Returns the revision of the checkout that contains {@code directory}, searching parent directories, or empty
     * when the directory is not inside a git checkout or the checkout has no commit yet.
     *
     * @throws IOException when the repository exists but cannot be read
     */
    public static Optional<SourceRevision> read(Path directory) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder()
                .readEnvironment()
                .findGitDir(directory.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repository = builder.build()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return Optional.empty();
            }
            Instant commitTime;
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(head);
                commitTime = Instant.ofEpochSecond(commit.getCommitTime());
            }
            return Optional.of(new SourceRevision(head.name(), commitTime, remoteUrl(repository.getConfig())));
        }
    }

    /** Returns the URL of {@code origin}, or of the only remote, with any user name and password removed. */
    private static String remoteUrl(StoredConfig config) {
        Set<String> remotes = config.getSubsections("remote");
        String name = remotes.contains("origin")
                ? "origin"
                : remotes.size() == 1 ? remotes.iterator().next() : null;
        if (name == null) {
            return null;
        }
        String url = config.getString("remote", name, "url");
        return url == null ? null : withoutUserInfo(url);
    }

    /**
     * Removes the user information from a URL such as {@code https://user:token@host/repo.git}, because it can hold a
     * password or access token. An scp-style address ({@code git@host:repo.git}) carries only a user name and is
     * kept as it is.
     */
    static String withoutUserInfo(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null)
                    .toString();
        } catch (URISyntaxException e) {
            return url;
        }
    }
}
