package dev.provenance.commits;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real git repository built with the git binary, with fixed identities and dates so commit ids are stable.
 */
final class GitFixture {

    static final String ANN = "Ann Author <ann@example.com>";
    static final String RITA = "Rita Reviewer <rita@example.com>";

    private final Path directory;
    private final Map<String, String> extraEnvironment = new java.util.HashMap<>();
    private int tick;

    private GitFixture(Path directory) {
        this.directory = directory;
    }

    /** Creates an empty repository with branch {@code main} in {@code directory}. */
    static GitFixture init(Path directory) {
        GitFixture fixture = new GitFixture(directory);
        fixture.git("init", "-q", "-b", "main", directory.toString());
        return fixture;
    }

    Path directory() {
        return directory;
    }

    /** Sets an environment variable for every later git run, such as {@code GNUPGHOME}. */
    void environment(String name, String value) {
        extraEnvironment.put(name, value);
    }

    /** Commits a change to {@code file} as {@code author} with {@code message} and returns the commit id. */
    String commit(String author, String file, String message) {
        try {
            Path path = directory.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, message + tick + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git("add", file);
        gitAs(author, message, "commit", "-q", "--cleanup=verbatim", "-F", "-");
        return git("rev-parse", "HEAD").strip();
    }

    /** Commits as {@link #ANN}. */
    String commit(String file, String message) {
        return commit(ANN, file, message);
    }

    /** Runs git in the repository and returns its standard output; fails on a non-zero exit. */
    String git(String... arguments) {
        return gitAs(ANN, null, arguments);
    }

    /** Runs git with {@code author} as author and committer and {@code input} on standard input. */
    String gitAs(String author, String input, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(arguments));
        return execute(author, input, command);
    }

    /** Runs any program, such as gpg, in the repository with the same environment as git. */
    String execute(String author, String input, List<String> command) {
        Identity identity = Identity.parse(author);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        if (!Files.isDirectory(directory)) {
            builder.directory(directory.getParent().toFile());
        }
        tick++;
        String date = "2026-01-01T00:00:" + String.format("%02d", tick % 60) + "Z";

        // Fixed identities and dates make commit ids repeatable; no user or system git configuration is read.
        Map<String, String> environment = builder.environment();
        environment.put("GIT_CONFIG_NOSYSTEM", "1");
        environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
        environment.put("GIT_AUTHOR_NAME", identity.name());
        environment.put("GIT_AUTHOR_EMAIL", identity.email());
        environment.put("GIT_COMMITTER_NAME", identity.name());
        environment.put("GIT_COMMITTER_EMAIL", identity.email());
        environment.put("GIT_AUTHOR_DATE", date);
        environment.put("GIT_COMMITTER_DATE", date);
        environment.putAll(extraEnvironment);
        builder.redirectErrorStream(true);

        // Feed the input and fail with git's output on a non-zero exit.
        try {
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
