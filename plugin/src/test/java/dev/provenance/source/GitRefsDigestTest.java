package dev.provenance.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GitRefsDigest} on real repositories that the git executable changes in the ways a scan depends on. */
class GitRefsDigestTest {

    @TempDir
    Path root;

    private Path repository;
    private int commits;

    @BeforeEach
    void createRepository() throws Exception {
        repository = Files.createDirectories(root.resolve("app"));
        GitProcess.run(repository, "init", "-q", "-b", "main");
        commit();
        commit();
    }

    @Test
    void staysEqualWhenNothingChanges() throws Exception {
        Path module = Files.createDirectories(repository.resolve("module"));
        Files.writeString(repository.resolve("untracked.txt"), "not a ref\n");

        assertThat(GitRefsDigest.read(module)).isPresent().isEqualTo(GitRefsDigest.read(repository));
    }

    @Test
    void changesWithEachRefAndHistoryFile() throws Exception {
        String initial = digest();

        commit();
        String afterCommit = digest();
        GitProcess.run(repository, "notes", "--ref=refs/notes/reviews", "add", "-m", "Reviewed-by: R <r@example.com>");
        String afterNote = digest();
        GitProcess.run(repository, "tag", "v1");
        String afterTag = digest();
        GitProcess.run(repository, "branch", "topic");
        String afterBranch = digest();
        GitProcess.run(repository, "checkout", "-q", "--detach", "HEAD~1");
        String afterDetach = digest();
        Files.writeString(repository.resolve(".git/shallow"), GitProcess.run(repository, "rev-parse", "HEAD"));
        String afterShallow = digest();
        GitProcess.run(repository, "replace", "--graft", "HEAD");
        String afterReplace = digest();

        assertThat(java.util.List.of(
                        initial,
                        afterCommit,
                        afterNote,
                        afterTag,
                        afterBranch,
                        afterDetach,
                        afterShallow,
                        afterReplace))
                .doesNotHaveDuplicates();
    }

    @Test
    void coversRefsOfLinkedWorktree() throws Exception {
        Path worktree = root.resolve("second");
        GitProcess.run(repository, "worktree", "add", "-q", "-b", "second", worktree.toString());
        String before = GitRefsDigest.read(worktree).orElseThrow();

        GitProcess.run(worktree, "commit", "-q", "--allow-empty", "-m", "In the worktree");

        assertThat(GitRefsDigest.read(worktree)).isPresent().get().isNotEqualTo(before);
        assertThat(GitRefsDigest.read(worktree)).isNotEqualTo(GitRefsDigest.read(repository));
    }

    @Test
    void emptyWhenEnvironmentMovesRepository() throws Exception {
        Map<String, String> environment =
                Map.of("GIT_DIR", repository.resolve(".git").toString());

        assertThat(GitRefsDigest.read(repository, environment::get)).isEmpty();
    }

    @Test
    void emptyForRepositoryWithExtensions() throws Exception {
        GitProcess.run(repository, "config", "core.repositoryformatversion", "1");
        GitProcess.run(repository, "config", "extensions.worktreeConfig", "true");

        assertThat(GitRefsDigest.read(repository)).isEmpty();
    }

    @Test
    void emptyOutsideRepository() throws Exception {
        Path outside = Files.createDirectories(root.resolve("plain"));

        assertThat(GitRefsDigest.read(outside)).isEqualTo(Optional.empty());
    }

    private String digest() throws Exception {
        return GitRefsDigest.read(repository).orElseThrow();
    }

    private void commit() throws Exception {
        commits++;
        Files.writeString(repository.resolve("file.txt"), "change " + commits + "\n");
        GitProcess.run(repository, "add", "file.txt");
        GitProcess.run(repository, "commit", "-q", "-m", "Change " + commits);
    }
}
