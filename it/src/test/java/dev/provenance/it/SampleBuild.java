package dev.provenance.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.maven.shared.verifier.VerificationException;
import org.apache.maven.shared.verifier.Verifier;

/**
 * A real Maven build of one sample project from {@code src/it}, run in a fresh copy under {@code target/it}.
 *
 * <p>Each sample's POM names the plugin as {@code @provenance.version@}; the copy replaces that token with the version
 * under test, which the reactor's install phase has put in the shared local repository. The build forks the Maven
 * installation that runs this reactor ({@code maven.home}).
 */
public final class SampleBuild {

    private static final AtomicInteger COPIES = new AtomicInteger();

    private final Path directory;
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean clean = true;
    private String log = "";

    private SampleBuild(Path directory) {
        this.directory = directory;
    }

    /** Copies the sample named {@code sample} into a new work folder and returns a build of that copy. */
    public static SampleBuild of(String sample) {
        Path source = samplesDirectory().resolve(sample);
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("sample not found: " + source);
        }
        Path target = workDirectory().resolve(sample + "-" + COPIES.incrementAndGet());

        // Copy numbers start again in every test run, so a folder of that name may hold an earlier run's files.
        deleteTree(target);
        copyTree(source, target);
        return new SampleBuild(target);
    }

    /** Returns a new build of a sample copy that an earlier build made, to run more goals on its files. */
    public static SampleBuild in(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("sample copy not found: " + directory);
        }
        return new SampleBuild(directory);
    }

    /**
     * Copies a project from outside {@code src/it}, such as the bundled {@code sample/}, into a new work folder and
     * returns a build of that copy. A {@code target} folder left by an earlier build of the source is not copied.
     */
    public static SampleBuild ofProject(Path source) {
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("project folder not found: " + source);
        }
        Path target = workDirectory().resolve(source.getFileName() + "-" + COPIES.incrementAndGet());
        deleteTree(target);
        copyTree(source, target);
        deleteTree(target.resolve("target"));
        return new SampleBuild(target);
    }

    /** Returns the root of this repository, the folder that contains {@code it/} and the bundled {@code sample/}. */
    public static Path repositoryRoot() {
        return samplesDirectory().resolve("../../..").normalize();
    }

    /** Returns the version of the plugin under test. */
    public static String pluginVersion() {
        return requiredProperty("provenance.version");
    }

    /** Returns the local repository that the sample builds share with this reactor. */
    public static Path localRepository() {
        return Path.of(requiredProperty("provenance.localRepository"));
    }

    /**
     * Returns the read-only local repository that Maven reads after {@link #localRepository()}
     * ({@code maven.repo.local.tail}), or null when the build uses none.
     */
    public static Path localRepositoryTail() {
        String value = System.getProperty("provenance.localRepositoryTail", "");
        return value.isBlank() || value.startsWith("${") ? null : Path.of(value);
    }

    /** Returns the file of an artifact in the local repository, or in its tail when only the tail has it. */
    public static Path artifactFile(String groupId, String artifactId, String version, String classifier, String type) {
        String fileName = artifactId + "-" + version
                + (classifier == null || classifier.isEmpty() ? "" : "-" + classifier) + "." + type;
        Path relative = Path.of(groupId.replace('.', '/'), artifactId, version, fileName);
        Path file = localRepository().resolve(relative);
        Path tail = localRepositoryTail();
        if (!Files.exists(file) && tail != null && Files.exists(tail.resolve(relative))) {
            return tail.resolve(relative);
        }
        return file;
    }

    public Path directory() {
        return directory;
    }

    /** Adds command line arguments: goals, phases, {@code -D} properties or options. */
    public SampleBuild arguments(String... values) {
        arguments.addAll(List.of(values));
        return this;
    }

    /** Sets an environment variable of the forked Maven, for values that must not be on the command line. */
    public SampleBuild environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Keeps {@code target/} from the previous run of this copy. By default each run starts with {@code clean}, as
     * maven-verifier does.
     */
    public SampleBuild keepTarget() {
        clean = false;
        return this;
    }

    /** Runs the build and fails the test, with the build log, unless Maven exits with 0. */
    public SampleBuild succeeds() {
        if (!run()) {
            fail("expected the build of %s to succeed, but it failed:%n%s", directory, log);
        }
        return this;
    }

    /** Runs the build and fails the test, with the build log, unless Maven exits with a non-zero code. */
    public SampleBuild fails() {
        if (run()) {
            fail("expected the build of %s to fail, but it succeeded:%n%s", directory, log);
        }
        return this;
    }

    /** Returns the whole build log of the last run, without ANSI colour codes. */
    public String log() {
        return log;
    }

    /** Returns the log lines that Maven printed at {@code [ERROR]} level. */
    public List<String> errorLines() {
        return log.lines().filter(line -> line.startsWith("[ERROR]")).toList();
    }

    private boolean run() {
        try {
            Verifier verifier = new Verifier(directory.toString(), true);
            verifier.setAutoclean(clean);
            verifier.setLocalRepo(localRepository().toString());
            verifier.setSystemProperty("provenance.version", pluginVersion());
            verifier.addCliArguments("-B", "-ntp");
            if (localRepositoryTail() != null) {
                verifier.addCliArgument("-Dmaven.repo.local.tail=" + localRepositoryTail());
            }
            verifier.addCliArguments(arguments.toArray(String[]::new));
            environment.forEach(verifier::setEnvironmentVariable);
            boolean succeeded = true;
            try {
                verifier.execute();
            } catch (VerificationException e) {
                succeeded = false;
            }
            log = Verifier.stripAnsi(Files.readString(directory.resolve("log.txt")));
            return succeeded;
        } catch (VerificationException e) {
            throw new IllegalStateException("could not start Maven for " + directory, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path samplesDirectory() {
        return Path.of(requiredProperty("provenance.samples"));
    }

    private static Path workDirectory() {
        return Path.of(requiredProperty("provenance.workDirectory"));
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "system property " + name + " is not set; run the integration tests through ./mvnw verify");
        }
        return value;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    private static void copyTree(Path source, Path target) {
        String version = pluginVersion();
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    Files.createDirectories(
                            target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (file.getFileName().toString().equals("pom.xml")) {
                        Files.writeString(copy, Files.readString(file).replace("@provenance.version@", version));
                    } else {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy sample " + source + " to " + target, e);
        }
    }
}
