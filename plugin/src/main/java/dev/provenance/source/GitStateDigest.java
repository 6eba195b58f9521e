package dev.provenance.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Computes, without JGit, a digest of everything that {@link SourceRevisions#read} depends on: the repository it
 * finds, the commit {@code HEAD} resolves to, and the content of the configuration files that JGit reads the remote
 * from. Equal digests mean that {@code read} returns the same revision, so a caller can skip opening the repository
 * with JGit, which costs a third of a second in a fresh JVM.
 *
 * <p>The reader understands a plain checkout and a linked worktree ({@code .git} file with {@code gitdir:}, and
 * {@code commondir}), a detached {@code HEAD} and a branch stored as a loose ref or in {@code packed-refs}. For any
 * other shape it returns empty and the caller reads with JGit: environment variables that move the repository
 * ({@code GIT_DIR} and the like), a bare repository on the way up, a symbolic ref other than {@code HEAD}, an unborn
 * branch, a repository with {@code [extensions]} (reftable, SHA-256 objects, worktree configuration), and
 * configuration files with {@code [include]} sections.
 *
 * @param commit the commit {@code HEAD} resolves to
 * @param value the SHA-256, as hex, of the repository's location, that commit, the configuration files' content and
 *     the environment that decides which configuration files JGit reads
 */
public record GitStateDigest(String commit, String value) {

    /** Environment variables with which JGit finds the repository somewhere other than by searching upwards. */
    static final List<String> REPOSITORY_VARIABLES = List.of(
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_COMMON_DIR",
            "GIT_OBJECT_DIRECTORY",
            "GIT_ALTERNATE_OBJECT_DIRECTORIES",
            "GIT_INDEX_FILE",
            "GIT_CEILING_DIRECTORIES");

    /**
     * Environment variables that decide which configuration files JGit reads: the user's home and XDG directories,
     * and the git executable on the {@code PATH} that JGit runs to find the system-wide configuration file.
     */
    static final List<String> CONFIG_VARIABLES =
            List.of("HOME", "XDG_CONFIG_HOME", "PATH", "GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_SYSTEM");

    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern BRANCH = Pattern.compile("refs/heads/[^\\s\\\\:?*\\[~^]+");
    private static final Pattern INCLUDE_SECTION = Pattern.compile("(?im)^\\s*\\[\\s*include");
    private static final Pattern EXTENSIONS_SECTION = Pattern.compile("(?im)^\\s*\\[\\s*extensions");
    private static final String GITDIR_PREFIX = "gitdir: ";
    private static final String SYMBOLIC_REF_PREFIX = "ref: ";

    /**
     * Returns the digest of the checkout that contains {@code directory}, or empty when this reader does not
     * understand its shape or finds no repository.
     *
     * @param configFiles the configuration files that JGit read the last time ({@link
     *     SourceRevisions.Snapshot#configFiles}), which must include the repository's own {@code config}
     * @throws IOException when a file of the repository exists but cannot be read
     */
    public static Optional<GitStateDigest> read(Path directory, List<Path> configFiles) throws IOException {
        return read(directory, configFiles, System::getenv, System.getProperty("user.home"));
    }

    static Optional<GitStateDigest> read(
            Path directory, List<Path> configFiles, UnaryOperator<String> environment, String userHome)
            throws IOException {
        for (String variable : REPOSITORY_VARIABLES) {
            if (environment.apply(variable) != null) {
                return Optional.empty();
            }
        }
        Optional<Path> gitDir = findGitDir(directory.toAbsolutePath());
        if (gitDir.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> commonDir = commonDir(gitDir.get());
        if (commonDir.isEmpty() || !isRepository(gitDir.get(), commonDir.get())) {
            return Optional.empty();
        }
        Path repositoryConfig = commonDir.get().resolve("config");
        if (!contains(configFiles, repositoryConfig)) {
            return Optional.empty();
        }

        List<String> lines = new ArrayList<>();
        lines.add("gitdir " + gitDir.get());
        lines.add("commondir " + commonDir.get());
        Optional<String> head = singleLine(gitDir.get().resolve("HEAD"));
        Optional<String> commit = head.isEmpty() ? Optional.empty() : resolveHead(head.get(), commonDir.get());
        if (commit.isEmpty()) {
            return Optional.empty();
        }
        // The branch does not appear in the SBOM, but a branch switch still counts as a change of state.
        lines.add("head " + head.get());
        lines.add("commit " + commit.get());
        for (String variable : CONFIG_VARIABLES) {
            lines.add("env " + variable + "=" + environment.apply(variable));
        }
        lines.add("user.home " + userHome);
        lines.add("git " + describeGitExecutable(environment.apply("PATH")));
        for (Path file : configFiles) {
            Optional<String> digest =
                    configDigest(file, Files.exists(file) && Files.isSameFile(file, repositoryConfig));
            if (digest.isEmpty()) {
                return Optional.empty();
            }
            lines.add("config " + file + " " + digest.get());
        }
        return Optional.of(
                new GitStateDigest(commit.get(), sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8))));
    }

    private static boolean contains(List<Path> files, Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        for (Path candidate : files) {
            if (Files.exists(candidate) && Files.isSameFile(candidate, file)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Searches {@code directory} and its parents for {@code .git} the way JGit's {@code findGitDir} does. Returns
     * empty when no repository is found, and also when a directory on the way up could itself be a bare repository,
     * which JGit accepts but this reader does not handle.
     */
    static Optional<Path> findGitDir(Path directory) throws IOException {
        for (Path current = directory; current != null; current = current.getParent()) {
            Path dotGit = current.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return Optional.of(dotGit);
            }
            if (Files.isRegularFile(dotGit)) {
                return linkedGitDir(current, dotGit);
            }
            if (Files.exists(dotGit, LinkOption.NOFOLLOW_LINKS) || Files.exists(current.resolve("HEAD"))) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Reads a {@code .git} file of the form {@code gitdir: PATH}, as a linked worktree or a submodule has. */
    private static Optional<Path> linkedGitDir(Path workTree, Path dotGit) throws IOException {
        Optional<String> content = singleLine(dotGit);
        if (content.isEmpty() || !content.get().startsWith(GITDIR_PREFIX)) {
            return Optional.empty();
        }
        String target = content.get().substring(GITDIR_PREFIX.length());
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Path gitDir = workTree.resolve(target);
        return Files.isDirectory(gitDir) ? Optional.of(gitDir.toRealPath()) : Optional.empty();
    }

    /**
     * Returns the directory that contains the shared refs, objects and config: the one a linked worktree's
     * {@code commondir} file names, otherwise {@code gitDir} itself.
     */
    static Optional<Path> commonDir(Path gitDir) throws IOException {
        Path file = gitDir.resolve("commondir");
        if (!Files.isRegularFile(file)) {
            return Optional.of(gitDir);
        }
        Optional<String> content = singleLine(file);
        if (content.isEmpty() || content.get().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(gitDir.resolve(content.get()).normalize());
    }

    /** Checks what JGit requires of a repository: {@code HEAD}, and {@code objects} and {@code refs} directories. */
    static boolean isRepository(Path gitDir, Path commonDir) {
        return Files.isRegularFile(gitDir.resolve("HEAD"))
                && Files.isDirectory(commonDir.resolve("objects"))
                && Files.isDirectory(commonDir.resolve("refs"));
    }

    /**
     * Returns the commit that {@code head}, the content of {@code HEAD}, points to, directly or through one branch, or
     * empty for anything else.
     */
    private static Optional<String> resolveHead(String head, Path commonDir) throws IOException {
        if (OBJECT_ID.matcher(head).matches()) {
            return Optional.of(head);
        }
        if (!head.startsWith(SYMBOLIC_REF_PREFIX)) {
            return Optional.empty();
        }
        String ref = head.substring(SYMBOLIC_REF_PREFIX.length());
        if (!BRANCH.matcher(ref).matches()
                || ref.contains("..")
                || ref.contains("//")
                || ref.endsWith("/")
                || ref.endsWith(".lock")) {
            return Optional.empty();
        }
        Path loose = commonDir.resolve(ref);
        if (Files.isRegularFile(loose)) {
            Optional<String> id = singleLine(loose);
            return id.isPresent() && OBJECT_ID.matcher(id.get()).matches() ? id : Optional.empty();
        }
        return packedRef(commonDir.resolve("packed-refs"), ref);
    }

    /** Returns the object id of {@code ref} in a {@code packed-refs} file, or empty when it is not listed there. */
    private static Optional<String> packedRef(Path packedRefs, String ref) throws IOException {
        if (!Files.isRegularFile(packedRefs)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(packedRefs, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.startsWith("^") || line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(space + 1).equals(ref)) {
                String id = line.substring(0, space);
                return OBJECT_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the SHA-256 of a configuration file, {@code missing} when it does not exist, or empty when it has an
     * {@code [include]} section (whose files this reader would not follow) or, for the repository's own file, an
     * {@code [extensions]} section.
     */
    static Optional<String> configDigest(Path file, boolean repositoryConfig) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Files.exists(file) ? Optional.empty() : Optional.of("missing");
        }
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.UTF_8);
        if (INCLUDE_SECTION.matcher(text).find()) {
            return Optional.empty();
        }
        if (repositoryConfig && EXTENSIONS_SECTION.matcher(text).find()) {
            return Optional.empty();
        }
        return Optional.of(sha256(content));
    }

    /**
     * Describes the first executable {@code git} on {@code path} by location, size and modification time. JGit runs
     * it to find the system-wide configuration file, whose location is compiled into git.
     */
    private static String describeGitExecutable(String path) throws IOException {
        if (path == null) {
            return "none";
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, "git");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                BasicFileAttributes attributes = Files.readAttributes(candidate, BasicFileAttributes.class);
                return candidate.toRealPath() + " " + attributes.size() + " "
                        + attributes.lastModifiedTime().toMillis();
            }
        }
        return "none";
    }

    /** Returns the content of a one-line file without its line ending, or empty when it has more than one line. */
    static Optional<String> singleLine(Path file) throws IOException {
        String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (content.endsWith("\n")) {
            content = content.substring(0, content.length() - 1);
        }
        if (content.indexOf('\n') >= 0 || content.indexOf('\r') >= 0) {
            return Optional.empty();
        }
        return Optional.of(content.strip());
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
