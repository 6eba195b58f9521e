package dev.provenance.maven;

import dev.provenance.io.AtomicFiles;
import dev.provenance.sbom.BuildInfo;
import dev.provenance.sbom.ModuleSbom;
import dev.provenance.sbom.SbomOptions;
import java.io.File;
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
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.WorkspaceReader;

/**
 * A digest of everything an SBOM depends on, so that a build whose dependencies, POM, options and commit are
 * unchanged keeps the SBOM it wrote before instead of collecting, hashing and validating again. The record file also
 * contains the SHA-256 of both outputs, so an SBOM edited or deleted since is written again, and the git configuration
 * files that the source key covers (see {@link dev.provenance.source.GitStateDigest}).
 *
 * <p>A module's record can also contain a {@link Resolution}: a second digest that a repeat build computes without
 * resolving dependencies, so that an unchanged build skips dependency resolution as well.
 *
 * <p>The record file has the input digest, the JSON and the XML digest on one line each, then one
 * {@code git-config PATH} line per configuration file, then, when present, a {@code resolution DIGEST} line with one
 * {@code resolution-file PATH} line per file and one {@code resolution-module ID} line per reactor module it covers.
 */
final class SbomInputs {

    private static final String GIT_CONFIG = "git-config ";
    private static final String RESOLUTION = "resolution ";
    private static final String RESOLUTION_FILE = "resolution-file ";
    private static final String RESOLUTION_MODULE = "resolution-module ";

    /**
     * Names of properties and environment variables whose values the digest leaves out, because they may hold a
     * password or token. The record is written to {@code target/}, and a digest of a short secret among known inputs
     * can be guessed.
     */
    private static final Pattern SECRET_PROPERTY =
            Pattern.compile("(?i).*(pass|pw|secret|token|cred|auth|key|pin|login|private|cookie).*");

    private final String digest;
    private final List<Path> gitConfigFiles;
    private final Resolution resolution;

    private SbomInputs(String digest, List<Path> gitConfigFiles, Resolution resolution) {
        this.digest = digest;
        this.gitConfigFiles = List.copyOf(gitConfigFiles);
        this.resolution = resolution;
    }

    /**
     * What the resolved dependency graph of a module depends on, as far as a build can read it without resolving. It
     * covers the dependencies and managed dependencies of the effective POM, the reactor modules among the
     * dependencies (their dependencies, licenses and current files) and the list of the build's modules. It covers the
     * local and remote repositories, and the properties and environment variables that can activate profiles. It also
     * covers the size and modification time of every resolved artifact and of every POM the resolution read. It is
     * valid only for a graph without version ranges and without snapshots from outside the reactor, whose versions
     * cannot change while those files stay as they are.
     *
     * @param digest the digest of those inputs and of the SBOM's other inputs
     * @param files the artifact and POM files the digest covers
     * @param modules the reactor modules among the dependencies, whose dependencies and resolved files it covers, as
     *     {@code groupId:artifactId:extension:classifier:version}
     */
    record Resolution(String digest, List<Path> files, List<String> modules) {

        Resolution {
            files = List.copyOf(files);
            modules = List.copyOf(modules);
        }

        /**
         * Returns the inputs of a freshly resolved graph, or null when it has a version range or a snapshot from
         * outside the reactor and must be resolved on every build.
         */
        static Resolution of(ResolutionContext context, ProjectArtifacts resolved) throws IOException {
            if (!resolved.fixedVersions()) {
                return null;
            }
            List<Path> files = new ArrayList<>();
            List<String> modules = new ArrayList<>();
            for (Artifact artifact : resolved.artifacts()) {
                String id = artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getBaseVersion();
                if (context.reactor().containsKey(id)) {
                    String classifier = artifact.getClassifier() == null ? "" : artifact.getClassifier();
                    modules.add(artifact.getGroupId() + ":" + artifact.getArtifactId() + ":"
                            + artifact.getArtifactHandler().getExtension() + ":" + classifier + ":"
                            + artifact.getBaseVersion());
                }
                if (artifact.getFile() == null) {
                    continue;
                }
                Path file = artifact.getFile().toPath().toAbsolutePath().normalize();
                files.add(file);
                if (!context.reactor().containsKey(id) && !Artifact.SCOPE_SYSTEM.equals(artifact.getScope())) {
                    files.add(file.resolveSibling(artifact.getArtifactId() + "-" + artifact.getVersion() + ".pom"));
                }
            }
            files.addAll(resolved.poms());
            List<Path> sortedFiles = files.stream().distinct().sorted().toList();
            List<String> sortedModules = modules.stream().distinct().sorted().toList();
            return new Resolution(context.digest(sortedFiles, sortedModules), sortedFiles, sortedModules);
        }

        /** Returns whether the recorded inputs still match, which proves the SBOM current without resolving. */
        static boolean matches(ResolutionContext context, Optional<Recorded> recorded, Path json, Path xml)
                throws IOException {
            if (recorded.isEmpty() || recorded.get().resolution().isEmpty()) {
                return false;
            }
            Resolution before = recorded.get().resolution().get();
            return before.digest().equals(context.digest(before.files(), before.modules()))
                    && recorded.get().jsonDigest().equals(fileDigest(json))
                    && recorded.get().xmlDigest().equals(fileDigest(xml));
        }
    }

    /**
     * The parts of a {@link Resolution} digest that do not depend on the resolved graph.
     *
     * @param headerLines the digest lines of the plugin, options, build facts and source revision
     * @param reactor the modules of this build by {@code groupId:artifactId:version}
     */
    record ResolutionContext(
            List<String> headerLines, MavenSession session, MavenProject project, Map<String, MavenProject> reactor) {

        ResolutionContext(
                MavenSession session,
                MavenProject project,
                Map<String, MavenProject> reactor,
                SbomOptions options,
                BuildInfo build,
                String source,
                String pluginVersion) {
            this(header(pluginVersion, options, build, source), session, project, reactor);
        }

        String digest(List<Path> files, List<String> modules) throws IOException {
            List<String> lines = new ArrayList<>(headerLines);
            lines.add("dependencies " + dependencyDigest(project));
            lines.add("local-repository "
                    + session.getRepositorySession().getLocalRepository().getBasedir());
            for (RemoteRepository repository : project.getRemoteProjectRepositories()) {
                lines.add("remote " + repository.getId() + " " + repository.getUrl());
            }
            // Any system property or environment variable (env.NAME here) can activate a profile in a dependency's
            // POM, as can the -D properties.
            addPropertyLines(lines, "system ", session.getSystemProperties());
            addPropertyLines(lines, "user ", session.getUserProperties());
            lines.add("reactor " + reactor.keySet().stream().sorted().toList());
            for (String module : modules) {
                lines.add(moduleLine(module));
            }
            for (Path file : files) {
                lines.add("file " + describeFile(file));
            }
            return sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Returns the digest line of a reactor module among the dependencies: its dependencies, and the file the build
         * would resolve it to now. That file changes with the phase the module reached (classes folder or packaged
         * jar), and is missing when the module is resolved from the local repository instead.
         *
         * @param module the artifact as {@code groupId:artifactId:extension:classifier:version}
         */
        private String moduleLine(String module) throws IOException {
            String[] parts = module.split(":", -1);
            if (parts.length != 5) {
                return "module " + module + " unreadable";
            }
            MavenProject reactorModule = reactor.get(parts[0] + ":" + parts[1] + ":" + parts[4]);
            WorkspaceReader workspace = session.getRepositorySession().getWorkspaceReader();
            File file = workspace == null
                    ? null
                    : workspace.findArtifact(new DefaultArtifact(parts[0], parts[1], parts[3], parts[2], parts[4]));
            return "module " + module + " "
                    + (reactorModule == null
                            ? "absent"
                            : dependencyDigest(reactorModule) + " "
                                    + RecordText.of(DependencyGraphReader.licensesOf(reactorModule)))
                    + " "
                    + describeFile(
                            file == null ? null : file.toPath().toAbsolutePath().normalize());
        }
    }

    /**
     * System properties that only echo Maven's command line. Options such as {@code -X} or {@code -o} change no graph,
     * and the {@code -D} properties are digested on their own.
     */
    private static final Set<String> COMMAND_LINE_ECHOES = Set.of("sun.java.command", "env.MAVEN_CMD_LINE_ARGS");

    /** Adds one digest line per property, sorted by name. */
    private static void addPropertyLines(List<String> lines, String prefix, Properties properties) {
        Map<String, String> sorted = new TreeMap<>();
        properties.forEach((key, value) -> sorted.put(String.valueOf(key), String.valueOf(value)));
        sorted.keySet().removeAll(COMMAND_LINE_ECHOES);
        sorted.forEach((name, value) -> lines.add(prefix + propertyText(name, value)));
    }

    /** Returns a property as {@code name=value}, or its name alone when the name suggests a secret. */
    static String propertyText(String name, String value) {
        return SECRET_PROPERTY.matcher(name).matches() ? name + " (value left out)" : name + "=" + value;
    }

    /**
     * Returns the lines of the first digest that come from a resolution: each artifact with its file, a digest of the
     * content of every POM that the resolution read, and the licenses of the reactor modules among the artifacts,
     * which the SBOM copies from their POMs.
     */
    static List<String> resolvedLines(ProjectArtifacts resolved, Map<String, MavenProject> reactor) throws IOException {
        List<String> lines = new ArrayList<>();
        List<Artifact> sorted = new ArrayList<>(resolved.artifacts());
        sorted.sort(Comparator.comparing(Artifact::getId));
        for (Artifact artifact : sorted) {
            lines.add("artifact " + artifact.getId() + " " + artifact.isOptional() + " "
                    + describeFile(
                            artifact.getFile() == null
                                    ? null
                                    : artifact.getFile().toPath()));
            MavenProject module = reactor.get(
                    artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getBaseVersion());
            if (module != null) {
                lines.add("module-licenses " + artifact.getId() + " "
                        + RecordText.of(DependencyGraphReader.licensesOf(module)));
            }
        }
        List<String> poms = new ArrayList<>();
        for (Path pom : resolved.poms()) {
            poms.add(pom + " " + (Files.isRegularFile(pom) ? sha256(Files.readAllBytes(pom)) : "missing"));
        }
        lines.add("poms " + sha256(String.join("\n", poms).getBytes(StandardCharsets.UTF_8)));
        return lines;
    }

    /**
     * Returns the digest of the dependencies and managed dependencies of a project's effective POM, which reflect its
     * parents, profiles and imported BOMs. With the repositories, they are what the POM contributes to the graph.
     */
    private static String dependencyDigest(MavenProject project) {
        List<String> lines = new ArrayList<>();
        addDependencyLines(lines, "declared ", project.getDependencies());
        if (project.getDependencyManagement() != null) {
            addDependencyLines(
                    lines, "managed ", project.getDependencyManagement().getDependencies());
        }
        return sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private static void addDependencyLines(List<String> lines, String prefix, List<Dependency> dependencies) {
        for (Dependency dependency : dependencies) {
            lines.add(prefix + dependency.getManagementKey() + " " + dependency.getVersion() + " "
                    + dependency.getScope() + " " + dependency.isOptional() + " " + dependency.getSystemPath() + " "
                    + dependency.getExclusions().stream()
                            .map(exclusion -> exclusion.getGroupId() + ":" + exclusion.getArtifactId())
                            .toList());
        }
    }

    /**
     * The record of an earlier build.
     *
     * @param digest the input digest
     * @param jsonDigest the SHA-256 of the JSON output as written
     * @param xmlDigest the SHA-256 of the XML output as written
     * @param gitConfigFiles the git configuration files that the source key of {@code digest} covers
     * @param resolution the inputs that prove the graph unchanged without resolving, when recorded
     */
    record Recorded(
            String digest,
            String jsonDigest,
            String xmlDigest,
            List<Path> gitConfigFiles,
            Optional<Resolution> resolution) {

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
            String resolutionDigest = null;
            List<Path> resolutionFiles = new ArrayList<>();
            List<String> resolutionModules = new ArrayList<>();
            for (String line : lines.subList(3, lines.size())) {
                if (line.startsWith(GIT_CONFIG) && resolutionDigest == null) {
                    gitConfigFiles.add(Path.of(line.substring(GIT_CONFIG.length())));
                } else if (line.startsWith(RESOLUTION) && resolutionDigest == null) {
                    resolutionDigest = line.substring(RESOLUTION.length());
                } else if (line.startsWith(RESOLUTION_FILE) && resolutionDigest != null) {
                    resolutionFiles.add(Path.of(line.substring(RESOLUTION_FILE.length())));
                } else if (line.startsWith(RESOLUTION_MODULE) && resolutionDigest != null) {
                    resolutionModules.add(line.substring(RESOLUTION_MODULE.length()));
                } else {
                    return Optional.empty();
                }
            }
            Optional<Resolution> resolution = resolutionDigest == null
                    ? Optional.empty()
                    : Optional.of(new Resolution(resolutionDigest, resolutionFiles, resolutionModules));
            return Optional.of(
                    new Recorded(lines.get(0), lines.get(1), lines.get(2), List.copyOf(gitConfigFiles), resolution));
        }
    }

    /**
     * Returns the inputs of one module's SBOM.
     *
     * @param build the build facts without the source revision, and without the timestamp unless it is configured,
     *     because {@code source} covers both
     * @param source a key that changes whenever the revision or the timestamp taken from it would
     * @param gitConfigFiles the git configuration files that {@code source} covers, recorded for the next build
     * @param resolvedLines the lines that {@link #resolvedLines} returned for the module's resolution
     * @param resolution the inputs that let the next build skip resolution, or null when it must resolve
     */
    static SbomInputs of(
            MavenProject project,
            SbomOptions options,
            BuildInfo build,
            String source,
            List<Path> gitConfigFiles,
            String pluginVersion,
            List<String> resolvedLines,
            Resolution resolution)
            throws IOException {
        List<String> lines = header(pluginVersion, options, build, source);
        lines.add("pom "
                + (project.getFile() == null
                        ? "none"
                        : sha256(Files.readAllBytes(project.getFile().toPath()))));
        addDependencyLines(lines, "declared ", project.getDependencies());
        lines.addAll(resolvedLines);
        return new SbomInputs(
                sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), gitConfigFiles, resolution);
    }

    /** Returns the input lines that a module's and an aggregate's digest share. */
    private static List<String> header(String pluginVersion, SbomOptions options, BuildInfo build, String source) {
        List<String> lines = new ArrayList<>();
        lines.add("plugin " + pluginVersion);
        lines.add("options " + RecordText.of(options));
        lines.add("build " + RecordText.of(build));
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
        return new SbomInputs(sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), gitConfigFiles, null);
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

    /**
     * Returns whether {@code recorded} lacks this build's {@link Resolution} inputs, so that the record is worth
     * writing again even though the SBOM is current.
     */
    boolean resolutionChanged(Optional<Recorded> recorded) {
        Optional<String> before = recorded.flatMap(Recorded::resolution).map(Resolution::digest);
        Optional<String> now = Optional.ofNullable(resolution).map(Resolution::digest);
        return !before.equals(now);
    }

    /**
     * Records this digest, the digests of the outputs as just written, the git configuration files and the resolution
     * inputs.
     */
    void write(Path record, Path json, Path xml) throws IOException {
        StringBuilder content = new StringBuilder();
        content.append(digest).append('\n');
        content.append(fileDigest(json)).append('\n');
        content.append(fileDigest(xml)).append('\n');
        for (Path file : gitConfigFiles) {
            content.append(GIT_CONFIG).append(file).append('\n');
        }
        if (resolution != null) {
            content.append(RESOLUTION).append(resolution.digest()).append('\n');
            for (Path file : resolution.files()) {
                content.append(RESOLUTION_FILE).append(file).append('\n');
            }
            for (String module : resolution.modules()) {
                content.append(RESOLUTION_MODULE).append(module).append('\n');
            }
        }
        AtomicFiles.write(record, content.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Describes a file by path, size and modification time, which change whenever its content does. */
    /**
     * Returns the version of the plugin that runs {@code execution}, and its jar's path, size and modification time,
     * so that a record made by an earlier build of a snapshot does not match a rebuilt one.
     */
    static String pluginIdentity(MojoExecution execution) throws IOException {
        File jar = execution
                .getMojoDescriptor()
                .getPluginDescriptor()
                .getPluginArtifact()
                .getFile();
        return execution.getVersion() + " " + describeFile(jar == null ? null : jar.toPath());
    }

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
