package dev.provenance.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GitStateDigest} on real repositories that the git executable builds, compared with what JGit reads through
 * {@link SourceRevisions#snapshot}.
 */
class GitStateDigestTest {

    @TempDir
    Path root;

    private Path repository;
    private int commits;

    @BeforeEach
    void createRepository() throws Exception {
        repository = Files.createDirectories(root.resolve("app"));
        git(repository, "init", "-q", "-b", "main");
        commit(repository);
    }

    @Test
    void matchesCommitJGitReads() throws Exception {
        Path module = Files.createDirectories(repository.resolve("module/src"));

        SourceRevisions.Snapshot snapshot = SourceRevisions.snapshot(module);

        assertThat(snapshot.revision()).isNotNull();
        assertThat(snapshot.state()).isNotNull();
        assertThat(snapshot.state().commit()).isEqualTo(snapshot.revision().commit());
        assertThat(snapshot.state().commit()).isEqualTo(head(repository));
        assertThat(snapshot.configFiles()).contains(repository.resolve(".git/config"));
        assertThat(GitStateDigest.read(module, snapshot.configFiles())).contains(snapshot.state());
    }

    @Test
    void newCommitChangesDigest() throws Exception {
        GitStateDigest before = digest(repository);

        commit(repository);
        GitStateDigest after = digest(repository);

        assertThat(after.value()).isNotEqualTo(before.value());
        assertThat(after.commit()).isEqualTo(head(repository));
    }

    @Test
    void branchSwitchChangesDigest() throws Exception {
        git(repository, "branch", "same-commit");
        git(repository, "checkout", "-q", "-b", "other");
        commit(repository);
        git(repository, "checkout", "-q", "main");
        GitStateDigest onMain = digest(repository);

        git(repository, "checkout", "-q", "other");
        GitStateDigest onOther = digest(repository);
        git(repository, "checkout", "-q", "same-commit");
        GitStateDigest onSameCommit = digest(repository);

        assertThat(onOther.value()).isNotEqualTo(onMain.value());
        assertThat(onOther.commit()).isEqualTo(head(repository, "other"));
        assertThat(onSameCommit.value()).isNotEqualTo(onMain.value());
        assertThat(onSameCommit.commit()).isEqualTo(onMain.commit());
    }

    @Test
    void detachedHeadIsRead() throws Exception {
        GitStateDigest onBranch = digest(repository);

        git(repository, "checkout", "-q", "--detach");
        GitStateDigest detached = digest(repository);

        assertThat(detached.commit()).isEqualTo(onBranch.commit());
        assertThat(detached.value()).isNotEqualTo(onBranch.value());
    }

    @Test
    void remoteUrlChangeChangesDigest() throws Exception {
        GitStateDigest withoutRemote = digest(repository);

        git(repository, "remote", "add", "origin", "https://git.example.org/team/app.git");
        GitStateDigest withRemote = digest(repository);
        git(repository, "remote", "set-url", "origin", "https://git.example.org/team/moved.git");
        GitStateDigest withMovedRemote = digest(repository);

        assertThat(withRemote.value()).isNotEqualTo(withoutRemote.value());
        assertThat(withMovedRemote.value()).isNotEqualTo(withRemote.value());
        assertThat(withMovedRemote.commit()).isEqualTo(withoutRemote.commit());
    }

    @Test
    void packedBranchGivesSameDigest() throws Exception {
        GitStateDigest loose = digest(repository);

        git(repository, "pack-refs", "--all");
        GitStateDigest packed = digest(repository);

        assertThat(repository.resolve(".git/refs/heads/main")).doesNotExist();
        assertThat(packed).isEqualTo(loose);
    }

    @Test
    void linkedWorktreeIsRead() throws Exception {
        Path worktree = root.resolve("feature-worktree");
        git(repository, "worktree", "add", "-q", "-b", "feature", worktree.toString());
        commit(worktree);
        GitStateDigest first = digest(worktree);

        commit(worktree);
        GitStateDigest second = digest(worktree);

        assertThat(first.commit()).isNotEqualTo(digest(repository).commit());
        assertThat(second.commit()).isEqualTo(head(worktree));
        assertThat(second.value()).isNotEqualTo(first.value());
    }

    @Test
    void repositoryVariableTakesFallback() throws Exception {
        List<Path> configFiles = SourceRevisions.snapshot(repository).configFiles();
        Map<String, String> environment =
                Map.of("GIT_DIR", repository.resolve(".git").toString());

        assertThat(GitStateDigest.read(repository, configFiles, environment::get, "/home/user"))
                .isEmpty();
        assertThat(GitStateDigest.read(repository, configFiles, Map.<String, String>of()::get, "/home/user"))
                .isPresent();
    }

    @Test
    void unbornBranchTakesFallback() throws Exception {
        List<Path> configFiles = SourceRevisions.snapshot(repository).configFiles();

        git(repository, "checkout", "-q", "--orphan", "unborn");

        assertThat(GitStateDigest.read(repository, configFiles)).isEmpty();
    }

    @Test
    void includeSectionTakesFallback() throws Exception {
        List<Path> configFiles = SourceRevisions.snapshot(repository).configFiles();
        Path included = Files.writeString(root.resolve("remote.config"), "[remote \"origin\"]\n\turl = x\n");

        git(repository, "config", "include.path", included.toString());

        assertThat(GitStateDigest.read(repository, configFiles)).isEmpty();
    }

    @Test
    void extensionsSectionTakesFallback() throws Exception {
        List<Path> configFiles = SourceRevisions.snapshot(repository).configFiles();

        git(repository, "config", "extensions.worktreeConfig", "true");

        assertThat(GitStateDigest.read(repository, configFiles)).isEmpty();
    }

    @Test
    void symbolicBranchTakesFallback() throws Exception {
        List<Path> configFiles = SourceRevisions.snapshot(repository).configFiles();

        git(repository, "symbolic-ref", "refs/heads/alias", "refs/heads/main");
        git(repository, "symbolic-ref", "HEAD", "refs/heads/alias");

        assertThat(GitStateDigest.read(repository, configFiles)).isEmpty();
    }

    @Test
    void headOutsideBranchesTakesFallback() throws Exception {
        List<Path> configFiles = SourceRevisions.snapshot(repository).configFiles();

        git(repository, "update-ref", "refs/remotes/origin/main", "HEAD");
        git(repository, "symbolic-ref", "HEAD", "refs/remotes/origin/main");

        assertThat(GitStateDigest.read(repository, configFiles)).isEmpty();
    }

    @Test
    void unknownGitFileTakesFallback() throws Exception {
        List<Path> configFiles = SourceRevisions.snapshot(repository).configFiles();
        Path checkout = Files.createDirectories(root.resolve("odd-checkout"));
        Files.writeString(checkout.resolve(".git"), "worktree: " + repository.resolve(".git") + "\n");

        assertThat(GitStateDigest.read(checkout, configFiles)).isEmpty();
    }

    @Test
    void bareRepositoryOnTheWayUpTakesFallback() throws Exception {
        Path bare = root.resolve("bare.git");
        git(root, "init", "-q", "--bare", bare.toString());
        Path inside = Files.createDirectories(bare.resolve("info/nested"));

        assertThat(GitStateDigest.read(inside, List.of(bare.resolve("config")))).isEmpty();
    }

    @Test
    void configFilesWithoutRepositoryConfigTakeFallback() throws Exception {
        List<Path> configFiles =
                new ArrayList<>(SourceRevisions.snapshot(repository).configFiles());
        configFiles.remove(repository.resolve(".git/config"));

        assertThat(GitStateDigest.read(repository, configFiles)).isEmpty();
    }

    @Test
    void outsideCheckoutIsEmpty() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("plain"));

        assertThat(GitStateDigest.read(elsewhere, List.of(repository.resolve(".git/config"))))
                .isEmpty();
        assertThat(SourceRevisions.snapshot(elsewhere).state()).isNull();
    }

    private GitStateDigest digest(Path directory) throws IOException {
        SourceRevisions.Snapshot snapshot = SourceRevisions.snapshot(directory);
        assertThat(snapshot.state()).as("git state digest of %s", directory).isNotNull();
        Optional<GitStateDigest> digest = GitStateDigest.read(directory, snapshot.configFiles());
        assertThat(digest).as("digest without JGit of %s", directory).contains(snapshot.state());
        return digest.orElseThrow();
    }

    private void commit(Path directory) throws Exception {
        commits++;
        Files.writeString(directory.resolve("file.txt"), "change " + commits + "\n");
        git(directory, "add", "file.txt");
        git(directory, "commit", "-q", "-m", "Change " + commits);
    }

    private static String head(Path directory) throws Exception {
        return head(directory, "HEAD");
    }

    private static String head(Path directory, String revision) throws Exception {
        return git(directory, "rev-parse", revision).strip();
    }

    private static String git(Path directory, String... arguments) throws Exception {
        return GitProcess.run(directory, arguments);
    }
}
