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
import java.util.concurrent.TimeUnit;

/** Runs the installed {@code git interpret-trailers --parse} with no user, system or repository configuration. */
final class GitTrailers {

    private final Path workDirectory;

    GitTrailers(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /** Returns the trailers that git prints for {@code message}; {@code divider} false adds {@code --no-divider}. */
    List<Trailer> parse(String message, boolean divider) {
        List<String> command = new ArrayList<>(List.of("git", "interpret-trailers", "--parse"));
        if (!divider) {
            command.add("--no-divider");
        }
        String output = run(command, message);
        List<Trailer> trailers = new ArrayList<>();
        for (String line : output.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(": ");
            trailers.add(new Trailer(line.substring(0, colon), line.substring(colon + 2)));
        }
        return trailers;
    }

    private String run(List<String> command, String input) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("GIT_CONFIG_NOSYSTEM", "1");
        environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
        environment.put("HOME", workDirectory.toString());
        environment.put("GIT_CEILING_DIRECTORIES", workDirectory.toString());
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("git interpret-trailers did not finish on: " + input);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("git interpret-trailers failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean available() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Path emptyDirectory(Path parent) throws IOException {
        return Files.createDirectories(parent.resolve("no-repository"));
    }
}
