package dev.provenance.source;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Reads the commit and remote of the git checkout that contains a directory. */
public final class SourceRevisions {

    private SourceRevisions() {}

    /**
     * A revision read with JGit, with the {@link GitStateDigest} of the checkout taken just before and after the read.
     *
     * @param revision the revision, or null outside a git checkout or before the first commit
     * @param state the digest, or null when {@link GitStateDigest} does not understand the checkout, resolved another
     *     commit than JGit, or saw the checkout change during the read
     * @param configFiles the configuration files that {@code state} covers, empty when {@code state} is null
     */
    public record Snapshot(SourceRevision revision, GitStateDigest state, List<Path> configFiles) {

        public Snapshot {
            configFiles = List.copyOf(configFiles);
        }
    }

    /**
     * Returns the revision of the checkout that contains {@code directory}, searching parent directories, or empty
     * when the directory is not inside a git checkout or the checkout has no commit yet.
     *
     * @throws IOException when the repository exists but cannot be read
     */
    public static Optional<SourceRevision> read(Path directory) throws IOException {
        try (Repository repository = open(directory)) {
            return repository == null ? Optional.empty() : revision(repository);
        }
    }

    /**
     * Reads the revision of the checkout that contains {@code directory} as {@link #read} does, together with its
     * {@link GitStateDigest}, so that a later build can tell without JGit whether the revision is still the same.
     *
     * @throws IOException when the repository exists but cannot be read
     */
    public static Snapshot snapshot(Path directory) throws IOException {
        try (Repository repository = open(directory)) {
            if (repository == null) {
                return new Snapshot(null, null, List.of());
            }
            List<Path> configFiles = configFiles(repository);
            Optional<GitStateDigest> before =
                    configFiles.isEmpty() ? Optional.empty() : GitStateDigest.read(directory, configFiles);
            SourceRevision revision = revision(repository).orElse(null);
            Optional<GitStateDigest> after =
                    before.isEmpty() ? Optional.empty() : GitStateDigest.read(directory, configFiles);
            boolean stable = revision != null
                    && after.isPresent()
                    && after.equals(before)
                    && after.get().commit().equals(revision.commit());
            return stable ? new Snapshot(revision, after.get(), configFiles) : new Snapshot(revision, null, List.of());
        }
    }

    /** Opens the repository that contains {@code directory}, or returns null when there is none. */
    private static Repository open(Path directory) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder()
                .readEnvironment()
                .findGitDir(directory.toAbsolutePath().toFile());
        return builder.getGitDir() == null ? null : builder.build();
    }

    private static Optional<SourceRevision> revision(Repository repository) throws IOException {
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

    /**
     * Returns the configuration files JGit reads for {@code repository}: its own {@code config} and the user, system
     * and JGit files it inherits from, nearest first. Returns an empty list when a level is not a plain file, which
     * {@link GitStateDigest} cannot cover.
     */
    private static List<Path> configFiles(Repository repository) {
        List<Path> files = new ArrayList<>();
        for (Config config = repository.getConfig(); config != null; config = config.getBaseConfig()) {
            if (!(config instanceof FileBasedConfig fileConfig)) {
                return List.of();
            }
            // The system level has no file when GIT_CONFIG_NOSYSTEM is set or JGit found no git executable.
            if (fileConfig.getFile() != null) {
                files.add(fileConfig.getFile().toPath().toAbsolutePath().normalize());
            }
        }
        return files;
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
