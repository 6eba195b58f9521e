package dev.provenance.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the git executable for tests, with fixed identities and without the system-wide and user configuration. */
final class GitProcess {

    private GitProcess() {}

    /** Runs git in {@code directory} without the system-wide and user configuration, and returns its output. */
    static String run(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.environment().put("GIT_AUTHOR_NAME", "Dev");
        builder.environment().put("GIT_AUTHOR_EMAIL", "dev@example.com");
        builder.environment().put("GIT_COMMITTER_NAME", "Dev");
        builder.environment().put("GIT_COMMITTER_EMAIL", "dev@example.com");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertThat(exit).as("exit code of %s: %s", command, output).isZero();
        return output;
    }
}
