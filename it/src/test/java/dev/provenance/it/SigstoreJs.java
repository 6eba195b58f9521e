package dev.provenance.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Sigstore JavaScript verifier ({@code @sigstore/verify}, {@code @sigstore/bundle} and
 * {@code @sigstore/protobuf-specs}) at the versions pinned in {@code src/test/sigstore-js/package-lock.json}, installed
 * with {@code npm ci} into {@code target/sigstore-js} and run by {@code verify-bundle.js}.
 */
final class SigstoreJs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "verify-bundle.js");

    private final Path directory;

    private SigstoreJs(Path directory) {
        this.directory = directory;
    }

    /** The exit code of {@code verify-bundle.js} and the JSON object it printed. */
    record Result(int exitCode, JsonNode output) {

        String code() {
            return output.path("code").asText();
        }
    }

    /** Copies the script and its lock file into {@code target/sigstore-js} and installs the locked packages there. */
    static SigstoreJs install() throws IOException, InterruptedException {
        Path source = Path.of(requiredProperty("provenance.sigstoreJs"));
        Path target = Path.of(requiredProperty("provenance.sigstoreJsInstall"));
        Files.createDirectories(target);
        for (String file : FILES) {
            Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Output npm = run(
                List.of(
                        "npm",
                        "ci",
                        "--prefix",
                        target.toString(),
                        "--prefer-offline",
                        "--ignore-scripts",
                        "--no-audit",
                        "--no-fund"),
                TimeUnit.MINUTES.toSeconds(5));
        if (npm.exitCode() != 0) {
            throw new IllegalStateException("npm ci in " + target + " failed with exit code " + npm.exitCode()
                    + "; node and npm 18.17 or later must be on the PATH (.ci/run installs Debian's nodejs and npm):\n"
                    + npm.text());
        }
        return new SigstoreJs(target);
    }

    /** Runs {@code verify-bundle.js} on a bundle file with a PEM public key, plus any extra options. */
    Result verify(Path bundle, Path publicKey, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "node", directory.resolve("verify-bundle.js").toString(), bundle.toString(), publicKey.toString()));
        command.addAll(List.of(options));
        Output output = run(command, 60);
        JsonNode json;
        try {
            json = JSON.readTree(
                    output.text().lines().reduce((first, last) -> last).orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException("verify-bundle.js printed no JSON result:\n" + output.text(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalStateException("verify-bundle.js printed no JSON result:\n" + output.text());
        }
        return new Result(output.exitCode(), json);
    }

    private record Output(int exitCode, String text) {}

    private static Output run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("sigstore-js", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out after " + timeoutSeconds
                        + " s:\n" + Files.readString(log));
            }
            return new Output(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }
}
