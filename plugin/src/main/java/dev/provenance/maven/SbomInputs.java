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
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Dependency;
import org.apache.maven.project.MavenProject;

/**
 * A digest of everything an SBOM depends on, so that a build whose dependencies, POM, options and commit are
 * unchanged keeps the SBOM it wrote before instead of collecting, hashing and validating again. The digest file also
 * records the SHA-256 of both outputs, so an SBOM edited or deleted since is written again.
 */
final class SbomInputs {

    private final String digest;

    private SbomInputs(String digest) {
        this.digest = digest;
    }

    static SbomInputs of(MavenProject project, SbomOptions options, BuildInfo build, String pluginVersion)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("plugin " + pluginVersion);
        lines.add("options " + options);
        lines.add("build " + build);
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
        return new SbomInputs(sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Returns the inputs of an aggregate SBOM: the content of every module's SBOM, which already reflects that module's
     * inputs, and each module's packaged artifact, whose digest the aggregate records.
     */
    static SbomInputs ofAggregate(List<ModuleSbom> modules, SbomOptions options, BuildInfo build, String pluginVersion)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("plugin " + pluginVersion);
        lines.add("options " + options);
        lines.add("build " + build);
        for (ModuleSbom module : modules) {
            lines.add("module " + module.module().purl() + " "
                    + (module.parent() == null ? "none" : module.parent().purl()) + " " + fileDigest(module.jsonFile())
                    + " " + describeFile(module.artifactFile()));
        }
        return new SbomInputs(sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns whether {@code record} contains this digest and both outputs still have the content written then. */
    boolean matches(Path record, Path json, Path xml) throws IOException {
        List<String> recorded;
        try {
            recorded = Files.readAllLines(record, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (recorded.size() != 3 || !recorded.get(0).equals(digest)) {
            return false;
        }
        return recorded.get(1).equals(fileDigest(json)) && recorded.get(2).equals(fileDigest(xml));
    }

    /** Records this digest and the digests of the outputs as just written. */
    void write(Path record, Path json, Path xml) throws IOException {
        String content = digest + "\n" + fileDigest(json) + "\n" + fileDigest(xml) + "\n";
        AtomicFiles.write(record, content.getBytes(StandardCharsets.UTF_8));
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
