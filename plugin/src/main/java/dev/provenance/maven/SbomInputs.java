package dev.provenance.maven;

import dev.provenance.io.AtomicFiles;
import dev.provenance.sbom.BuildInfo;
import dev.provenance.sbom.ModuleSbom;
import dev.provenance.sbom.SbomOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Dependency;
import org.apache.maven.project.MavenProject;

/**
 * A digest of everything an SBOM depends on, so that a build whose dependencies, POM, options and commit are
 * unchanged keeps the SBOM it wrote before instead of collecting, hashing and validating again. The record file also
 * contains the SHA-256 of both outputs, so an SBOM edited or deleted since is written again, and the git configuration
 * files that the source key covers (see {@link dev.provenance.source.GitStateDigest}).
 *
 * <p>The record file has the input digest, the JSON and the XML digest on one line each, then one
 * {@code git-config PATH} line per configuration file.
 */
final class SbomInputs {

    private static final String GIT_CONFIG = "git-config ";

    private final String digest;
    private final List<Path> gitConfigFiles;

    private SbomInputs(String digest, List<Path> gitConfigFiles) {
        this.digest = digest;
        this.gitConfigFiles = List.copyOf(gitConfigFiles);
    }

    /**
     * The record of an earlier build.
     *
     * @param digest the input digest
     * @param jsonDigest the SHA-256 of the JSON output as written
     * @param xmlDigest the SHA-256 of the XML output as written
     * @param gitConfigFiles the git configuration files that the source key of {@code digest} covers
     */
    record Recorded(String digest, String jsonDigest, String xmlDigest, List<Path> gitConfigFiles) {

        /** Reads a record file, or returns empty when it is missing or not in this format. */
        static Optional<Recorded> read(Path file) throws IOException {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            if (lines.size() < 3) {
                return Optional.empty();
            }
            List<Path> gitConfigFiles = new ArrayList<>();
            for (String line : lines.subList(3, lines.size())) {
                if (!line.startsWith(GIT_CONFIG)) {
                    return Optional.empty();
                }
                gitConfigFiles.add(Path.of(line.substring(GIT_CONFIG.length())));
            }
            return Optional.of(new Recorded(lines.get(0), lines.get(1), lines.get(2), List.copyOf(gitConfigFiles)));
        }
    }

    /**
     * Returns the inputs of one module's SBOM.
     *
     * @param build the build facts without the source revision, and without the timestamp unless it is configured,
     *     because {@code source} covers both
     * @param source a key that changes whenever the revision or the timestamp taken from it would
     * @param gitConfigFiles the git configuration files that {@code source} covers, recorded for the next build
     */
    static SbomInputs of(
            MavenProject project,
            SbomOptions options,
            BuildInfo build,
            String source,
            List<Path> gitConfigFiles,
            String pluginVersion)
            throws IOException {
        List<String> lines = header(pluginVersion, options, build, source);
        lines.add("pom "
                + (project.getFile() == null
                        ? "none"
                        : sha256(Files.readAllBytes(project.getFile().toPath()))));
        for (Dependency dependency : project.getDependencies()) {
            lines.add("declared " + dependency.getManagementKey() + " " + dependency.getVersion() + " "
                    + dependency.getScope() + " " + dependency.isOptional() + " " + dependency.getSystemPath() + " "
                    + dependency.getExclusions().stream()
                            .map(exclusion -> exclusion.getGroupId() + ":" + exclusion.getArtifactId())
                            .toList());
        }
        List<Artifact> artifacts = new ArrayList<>(project.getArtifacts());
        artifacts.sort(Comparator.comparing(Artifact::getId));
        for (Artifact artifact : artifacts) {
            lines.add("artifact " + artifact.getId() + " " + artifact.isOptional() + " "
                    + describeFile(
                            artifact.getFile() == null
                                    ? null
                                    : artifact.getFile().toPath()));
        }
        return new SbomInputs(sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), gitConfigFiles);
    }

    /** Returns the input lines that a module's and an aggregate's digest share. */
    private static List<String> header(String pluginVersion, SbomOptions options, BuildInfo build, String source) {
        List<String> lines = new ArrayList<>();
        lines.add("plugin " + pluginVersion);
        lines.add("options " + options);
        lines.add("build " + build);
        lines.add("source " + source);
        return lines;
    }

    /**
     * Returns the inputs of an aggregate SBOM: the content of every module's SBOM, which already reflects that module's
     * inputs, and each module's packaged artifact, whose digest the aggregate records.
     */
    static SbomInputs ofAggregate(
            List<ModuleSbom> modules,
            SbomOptions options,
            BuildInfo build,
            String source,
            List<Path> gitConfigFiles,
            String pluginVersion)
            throws IOException {
        List<String> lines = header(pluginVersion, options, build, source);
        for (ModuleSbom module : modules) {
            lines.add("module " + module.module().purl() + " "
                    + (module.parent() == null ? "none" : module.parent().purl()) + " " + fileDigest(module.jsonFile())
                    + " " + describeFile(module.artifactFile()));
        }
        return new SbomInputs(sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), gitConfigFiles);
    }

    /** Returns whether {@code recorded} has this digest and both outputs still have the content written then. */
    boolean matches(Optional<Recorded> recorded, Path json, Path xml) throws IOException {
        if (recorded.isEmpty()
                || !recorded.get().digest().equals(digest)
                || !recorded.get().gitConfigFiles().equals(gitConfigFiles)) {
            return false;
        }
        return recorded.get().jsonDigest().equals(fileDigest(json))
                && recorded.get().xmlDigest().equals(fileDigest(xml));
    }

    /** Records this digest, the digests of the outputs as just written and the git configuration files. */
    void write(Path record, Path json, Path xml) throws IOException {
        StringBuilder content = new StringBuilder();
        content.append(digest).append('\n');
        content.append(fileDigest(json)).append('\n');
        content.append(fileDigest(xml)).append('\n');
        for (Path file : gitConfigFiles) {
            content.append(GIT_CONFIG).append(file).append('\n');
        }
        AtomicFiles.write(record, content.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Describes a file by path, size and modification time, which change whenever its content does. */
    static String describeFile(Path file) throws IOException {
        if (file == null) {
            return "no-file";
        }
        if (!Files.exists(file)) {
            return file + " missing";
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return file + " " + attributes.size() + " "
                + attributes.lastModifiedTime().toMillis();
    }

    private static String fileDigest(Path file) throws IOException {
        return Files.exists(file) ? sha256(Files.readAllBytes(file)) : "missing";
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
