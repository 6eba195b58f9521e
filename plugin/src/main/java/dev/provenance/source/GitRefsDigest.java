package dev.provenance.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Computes, without JGit, a digest of every ref of the repository that contains a folder, and of the files that
 * decide which commits the refs reach. Commits are named by the hash of their content, so while this digest stays
 * the same, a revision such as {@code HEAD}, {@code origin/main~3} or a notes ref names the same commits with the same
 * history, and a scan of that history gives the same result.
 *
 * <p>It covers {@code HEAD}, every file under {@code refs/} (of the linked worktree and of the common directory),
 * {@code packed-refs}, {@code shallow}, {@code info/grafts}, {@code objects/info/alternates} and the repository's
 * {@code config}. Any change to one of them, even one that cannot affect a given scan, changes the digest. The
 * reader returns empty for the shapes {@link GitStateDigest} does not handle either: environment variables that move
 * the repository, a bare repository on the way up, a configuration with {@code [include]} or {@code [extensions]}
 * (such as reftable, whose refs are not plain files).
 */
public final class GitRefsDigest {

    private static final List<String> REPOSITORY_FILES =
            List.of("HEAD", "packed-refs", "shallow", "info/grafts", "objects/info/alternates", "config");

    private GitRefsDigest() {}

    /**
     * Returns the SHA-256, as hex, of the ref state of the repository that contains {@code directory}, or empty when
     * the reader does not handle its shape or finds no repository.
     *
     * @throws IOException when a file of the repository exists but cannot be read
     */
    public static Optional<String> read(Path directory) throws IOException {
        return read(directory, System::getenv);
    }

    static Optional<String> read(Path directory, UnaryOperator<String> environment) throws IOException {
        for (String variable : GitStateDigest.REPOSITORY_VARIABLES) {
            if (environment.apply(variable) != null) {
                return Optional.empty();
            }
        }
        Optional<Path> gitDir = GitStateDigest.findGitDir(directory.toAbsolutePath());
        if (gitDir.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> commonDir = GitStateDigest.commonDir(gitDir.get());
        if (commonDir.isEmpty() || !GitStateDigest.isRepository(gitDir.get(), commonDir.get())) {
            return Optional.empty();
        }
        if (GitStateDigest.configDigest(commonDir.get().resolve("config"), true).isEmpty()) {
            return Optional.empty();
        }

        List<String> lines = new ArrayList<>();
        List<Path> folders =
                gitDir.get().equals(commonDir.get()) ? List.of(gitDir.get()) : List.of(gitDir.get(), commonDir.get());
        for (Path folder : folders) {
            lines.add("folder " + folder);
            for (String name : REPOSITORY_FILES) {
                lines.add(describe(folder, folder.resolve(name)));
            }
            Path refs = folder.resolve("refs");
            if (Files.isDirectory(refs)) {
                try (Stream<Path> files = Files.walk(refs)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        lines.add(describe(folder, file));
                    }
                }
            }
        }
        return Optional.of(GitStateDigest.sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    }

    /** Describes a file by its path in {@code folder} and the SHA-256 of its content, or as missing. */
    private static String describe(Path folder, Path file) throws IOException {
        String name = folder.relativize(file).toString().replace('\\', '/');
        if (!Files.exists(file)) {
            return name + " missing";
        }
        return name + " " + GitStateDigest.sha256(Files.readAllBytes(file));
    }
}
