package dev.provenance.maven;

import dev.provenance.sbom.BuildInfo;
import dev.provenance.sbom.Coordinates;
import dev.provenance.sbom.DependencyGraph;
import dev.provenance.sbom.InvalidSbomException;
import dev.provenance.sbom.ModuleSbom;
import dev.provenance.sbom.SbomAggregator;
import dev.provenance.sbom.SbomBuilder;
import dev.provenance.sbom.SbomOptions;
import dev.provenance.sbom.SbomWriter;
import dev.provenance.sbom.SchemaPreloader;
import dev.provenance.source.GitStateDigest;
import dev.provenance.source.SourceRevision;
import dev.provenance.source.SourceRevisions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.eclipse.aether.RepositorySystem;

/**
 * Writes a CycloneDX SBOM of everything the build resolved: {@code bom.json} and {@code bom.xml} in the output
 * directory, validated against the CycloneDX schema and attached to the project with classifier {@code cyclonedx}.
 * In a multi-module build, the module that finishes last also writes {@code bom-aggregate.json} and
 * {@code bom-aggregate.xml} in the top-level project's build directory, covering every module.
 *
 * @since 0.1.0
 */
@Mojo(name = "sbom", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class SbomMojo extends AbstractMojo {

    /**
     * Skips the goal. User property {@code provenance.sbom.skip}, default {@code false}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.sbom.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The CycloneDX version to write: {@code 1.4}, {@code 1.5} or {@code 1.6}. Build formulation (Maven and its
     * plugins) needs 1.5 or later. User property {@code provenance.sbom.schemaVersion}, default {@code 1.6}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.sbom.schemaVersion", defaultValue = "1.6")
    private String schemaVersion;

    /**
     * Whether test and provided dependencies appear in the SBOM, with CycloneDX scope {@code excluded}: they run
     * during the build but do not ship. User property {@code provenance.sbom.includeTestAndProvided}, default
     * {@code true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.sbom.includeTestAndProvided", defaultValue = "true")
    private boolean includeTestAndProvided;

    /**
     * The CycloneDX component type of the project: {@code library}, {@code application}, {@code framework},
     * {@code container}, {@code platform}, {@code firmware} or {@code file}. User property
     * {@code provenance.sbom.projectType}, default {@code library}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.sbom.projectType", defaultValue = "library")
    private String projectType;

    /**
     * The directory the SBOM files are written to. User property {@code provenance.sbom.outputDirectory}, default
     * {@code ${project.build.directory}}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.sbom.outputDirectory", defaultValue = "${project.build.directory}")
    private File outputDirectory;

    /**
     * The file name of the SBOM without extension; {@code .json} and {@code .xml} are added. User property
     * {@code provenance.sbom.outputName}, default {@code bom}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.sbom.outputName", defaultValue = "bom")
    private String outputName;

    /**
     * Whether the SBOM files are attached to the project, so that {@code install} and {@code deploy} publish them.
     * User property {@code provenance.sbom.attach}, default {@code true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.sbom.attach", defaultValue = "true")
    private boolean attach;

    /**
     * The classifier of the attached SBOM files. User property {@code provenance.sbom.classifier}, default
     * {@code cyclonedx}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.sbom.classifier", defaultValue = "cyclonedx")
    private String classifier;

    /**
     * Whether a multi-module build also writes {@code bom-aggregate.json} and {@code bom-aggregate.xml} into the
     * top-level project's build directory. User property {@code provenance.sbom.aggregate}, default {@code true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.sbom.aggregate", defaultValue = "true")
    private boolean aggregate;

    /**
     * The time recorded as the SBOM's creation time, as ISO-8601 or seconds since the epoch. Defaults to
     * {@code project.build.outputTimestamp}, which reproducible builds set. When empty, the commit time of the git
     * {@code HEAD} is used, and outside a git checkout the current time.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    private final ProjectDependenciesResolver dependenciesResolver;
    private final RepositorySystem repositorySystem;
    private final MavenProjectHelper projectHelper;
    private final RuntimeInformation runtimeInformation;

    @Inject
    public SbomMojo(
            ProjectDependenciesResolver dependenciesResolver,
            RepositorySystem repositorySystem,
            MavenProjectHelper projectHelper,
            RuntimeInformation runtimeInformation) {
        this.dependenciesResolver = dependenciesResolver;
        this.repositorySystem = repositorySystem;
        this.projectHelper = projectHelper;
        this.runtimeInformation = runtimeInformation;
    }

    @Override
    public void execute() throws MojoExecutionException {
        String pluginKey = mojoExecution.getPlugin().getKey();
        ReactorSbomRegistry registry = ReactorSbomRegistry.of(session, pluginKey);
        if (skip) {
            getLog().info("Skipping the SBOM because provenance.sbom.skip is true");
            finish(registry, null);
            return;
        }
        SbomOptions options = options();

        Path json = outputDirectory.toPath().resolve(outputName + ".json");
        Path xml = outputDirectory.toPath().resolve(outputName + ".xml");
        try {
            Optional<Instant> configuredTimestamp = configuredTimestamp();
            BuildInfo digestBuild = buildInfo(project, null, configuredTimestamp.orElse(null));
            String plugin = pluginIdentity();
            Map<String, MavenProject> reactor = reactorProjects();
            Path recordFile = Path.of(project.getBuild().getDirectory(), "provenance", outputName + ".inputs");
            Optional<SbomInputs.Recorded> recorded = SbomInputs.Recorded.read(recordFile);
            Path basedir = project.getBasedir().toPath();

            Optional<GitStateDigest> gitState = gitState(basedir, recorded);
            if (gitState.isPresent()
                    && SbomInputs.Resolution.matches(
                            new SbomInputs.ResolutionContext(
                                    session,
                                    project,
                                    reactor,
                                    options,
                                    digestBuild,
                                    gitStateKey(gitState.get()),
                                    plugin),
                            recorded,
                            json,
                            xml)) {
                getLog().info("SBOM is up to date: " + json + ", " + xml);
                getLog().debug("SBOM: the effective POM, the repositories and the dependency files are unchanged,"
                        + " so the dependencies were not resolved");
                attachAndFinish(registry, json, xml);
                return;
            }
            if (recorded.isEmpty() || gitState.isPresent()) {
                // The SBOM will probably be written, so the schemas load while dependencies resolve and JGit reads.
                SchemaPreloader.start(options.schemaVersion());
            }
            ProjectArtifacts resolved = resolve(reactor.keySet());
            List<String> resolvedLines = SbomInputs.resolvedLines(resolved, reactor);
            InputsOfSource inputsOf = (source, gitConfigFiles) -> SbomInputs.of(
                    project,
                    options,
                    digestBuild,
                    source,
                    gitConfigFiles,
                    plugin,
                    resolvedLines,
                    SbomInputs.Resolution.of(
                            new SbomInputs.ResolutionContext(
                                    session, project, reactor, options, digestBuild, source, plugin),
                            resolved));

            Optional<SbomInputs> quick = gitState.isPresent()
                    ? Optional.of(inputsOf.of(gitStateKey(gitState.get()), gitConfigFiles(recorded)))
                    : Optional.empty();
            SbomInputs current = null;
            boolean upToDate = quick.isPresent() && quick.get().matches(recorded, json, xml);
            if (upToDate) {
                current = quick.get();
            } else {
                SourceRevisions.Snapshot snapshot = SourceRevisions.snapshot(basedir);
                BuildInfo build =
                        buildInfo(project, snapshot.revision(), timestamp(configuredTimestamp, snapshot.revision()));
                current = inputsFromSnapshot(snapshot, build.timestamp(), inputsOf);
                upToDate = current.matches(recorded, json, xml);
                if (!upToDate) {
                    writeModuleSbom(options, build, json, xml, resolved.artifacts(), reactor);
                    current.write(recordFile, json, xml);
                }
            }
            if (upToDate) {
                if (current.resolutionChanged(recorded)) {
                    current.write(recordFile, json, xml);
                }
                getLog().info("SBOM is up to date: " + json + ", " + xml);
            }
        } catch (InvalidSbomException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "could not write the SBOM of " + project.getId() + ": " + e.getMessage(), e);
        }
        attachAndFinish(registry, json, xml);
    }

    private void attachAndFinish(ReactorSbomRegistry registry, Path json, Path xml) throws MojoExecutionException {
        if (attach) {
            projectHelper.attachArtifact(project, "json", classifier, json.toFile());
            projectHelper.attachArtifact(project, "xml", classifier, xml.toFile());
        }
        File packaged = project.getArtifact().getFile();
        finish(
                registry,
                new ModuleSbom(
                        MavenCoordinates.ofProject(project),
                        parentModule(project),
                        json,
                        packaged == null ? null : packaged.toPath()));
    }

    private void writeModuleSbom(
            SbomOptions options,
            BuildInfo build,
            Path json,
            Path xml,
            List<Artifact> artifacts,
            Map<String, MavenProject> reactor)
            throws MojoExecutionException, IOException, InvalidSbomException {
        SchemaPreloader.start(options.schemaVersion());
        long started = System.nanoTime();
        DependencyGraph graph = readGraph(artifacts, reactor);
        long collected = System.nanoTime();
        Bom bom = new SbomBuilder(options).build(graph, build);
        long built = System.nanoTime();
        new SbomWriter(options.schemaVersion()).write(bom, json, xml);
        long written = System.nanoTime();
        getLog().debug(String.format(
                "SBOM timings: graph %d ms, components %d ms, serialize and validate %d ms",
                (collected - started) / 1_000_000, (built - collected) / 1_000_000, (written - built) / 1_000_000));
        getLog().info("Wrote SBOM with " + bom.getComponents().size() + " components and " + SbomBuilder.countEdges(bom)
                + " dependency edges: " + json + ", " + xml);
    }

    /** Creates the inputs of an SBOM from the key of its source revision and the git files that key covers. */
    @FunctionalInterface
    private interface InputsOfSource {
        SbomInputs of(String source, List<Path> gitConfigFiles) throws IOException;
    }

    /**
     * Returns the {@link GitStateDigest} of the checkout, computed without JGit from the git configuration files the
     * last build recorded, or empty when there is no such record or the checkout has a shape the digest does not
     * cover.
     */
    private static Optional<GitStateDigest> gitState(Path basedir, Optional<SbomInputs.Recorded> recorded)
            throws IOException {
        if (recorded.isEmpty() || recorded.get().gitConfigFiles().isEmpty()) {
            return Optional.empty();
        }
        return GitStateDigest.read(basedir, recorded.get().gitConfigFiles());
    }

    /** Returns the inputs keyed by the {@link #gitState} of the checkout, or empty when there is none. */
    private static Optional<SbomInputs> inputsFromGitState(
            Path basedir, Optional<SbomInputs.Recorded> recorded, InputsOfSource inputsOf) throws IOException {
        Optional<GitStateDigest> state = gitState(basedir, recorded);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(inputsOf.of(gitStateKey(state.get()), gitConfigFiles(recorded)));
    }

    private static List<Path> gitConfigFiles(Optional<SbomInputs.Recorded> recorded) {
        return recorded.map(SbomInputs.Recorded::gitConfigFiles).orElse(List.of());
    }

    /**
     * Returns the inputs keyed by the git state digest when the snapshot has one, which lets the next build skip JGit,
     * otherwise by the revision JGit read and the timestamp taken from it.
     */
    private static SbomInputs inputsFromSnapshot(
            SourceRevisions.Snapshot snapshot, Instant timestamp, InputsOfSource inputsOf) throws IOException {
        if (snapshot.state() != null) {
            return inputsOf.of(gitStateKey(snapshot.state()), snapshot.configFiles());
        }
        return inputsOf.of("revision " + snapshot.revision() + " timestamp " + timestamp, List.of());
    }

    /**
     * Returns the source key of a git state digest. The commit determines the commit time, so the key also covers a
     * timestamp taken from it.
     */
    private static String gitStateKey(GitStateDigest state) {
        return "git " + state.value();
    }

    private SbomOptions options() throws MojoExecutionException {
        Version version;
        Component.Type type;
        try {
            version = SbomOptions.parseSchemaVersion(schemaVersion);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(
                    "invalid <schemaVersion> (provenance.sbom.schemaVersion): " + e.getMessage());
        }
        try {
            type = SbomOptions.parseProjectType(projectType);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("invalid <projectType> (provenance.sbom.projectType): " + e.getMessage());
        }
        if (outputName == null || outputName.isBlank() || outputName.contains("/") || outputName.contains("\\")) {
            throw new MojoExecutionException("invalid <outputName> (provenance.sbom.outputName) '" + outputName
                    + "': use a plain file name without extension, such as bom");
        }
        return new SbomOptions(version, includeTestAndProvided, type);
    }

    /** Returns the modules of this build by {@code groupId:artifactId:version}. */
    private Map<String, MavenProject> reactorProjects() {
        Map<String, MavenProject> reactor = new HashMap<>();
        for (MavenProject module : session.getProjects()) {
            reactor.put(module.getGroupId() + ":" + module.getArtifactId() + ":" + module.getVersion(), module);
        }
        return reactor;
    }

    private ProjectArtifacts resolve(Set<String> reactor) throws MojoExecutionException {
        try {
            return ProjectArtifacts.resolve(dependenciesResolver, project, session.getRepositorySession(), reactor);
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException(
                    "could not resolve the dependencies of " + project.getId() + ": " + e.getMessage(), e);
        }
    }

    private DependencyGraph readGraph(List<Artifact> artifacts, Map<String, MavenProject> reactor)
            throws MojoExecutionException, IOException {
        PomLicenseReader licenses = new PomLicenseReader(
                repositorySystem, session.getRepositorySession(), project.getRemoteProjectRepositories());
        try {
            return new DependencyGraphReader(dependenciesResolver, getLog())
                    .read(project, artifacts, session.getRepositorySession(), reactor, licenses);
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException(
                    "could not collect the dependency graph of " + project.getId() + ": " + e.getMessage(), e);
        }
    }

    private BuildInfo buildInfo(MavenProject target, SourceRevision source, Instant timestamp) {
        List<Coordinates> plugins = target.getBuildPlugins().stream()
                .map(MavenCoordinates::ofPlugin)
                .toList();
        return new BuildInfo(
                MavenCoordinates.ofProject(target),
                target.getName(),
                target.getDescription(),
                DependencyGraphReader.licensesOf(target),
                timestamp,
                source,
                runtimeInformation.getMavenVersion(),
                plugins,
                new Coordinates(
                        mojoExecution.getGroupId(),
                        mojoExecution.getArtifactId(),
                        pluginVersion(),
                        null,
                        "maven-plugin"));
    }

    private Optional<Instant> configuredTimestamp() throws MojoExecutionException {
        try {
            return OutputTimestamps.parse(outputTimestamp);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("invalid project.build.outputTimestamp: " + e.getMessage());
        }
    }

    /** Returns the configured timestamp, else the commit time, else the current time outside a git checkout. */
    private static Instant timestamp(Optional<Instant> configured, SourceRevision source) {
        if (configured.isPresent()) {
            return configured.get();
        }
        return source != null ? source.commitTime() : Instant.now();
    }

    private void finish(ReactorSbomRegistry registry, ModuleSbom sbom) throws MojoExecutionException {
        Optional<List<ModuleSbom>> modules = registry.finish(
                project,
                sbom,
                project.getBuildPlugins().stream()
                        .map(MavenCoordinates::ofPlugin)
                        .toList());
        if (!aggregate
                || modules.isEmpty()
                || !registry.isMultiModule()
                || modules.get().isEmpty()) {
            return;
        }
        writeAggregate(registry, modules.get());
    }

    private void writeAggregate(ReactorSbomRegistry registry, List<ModuleSbom> modules) throws MojoExecutionException {
        MavenProject topLevel = session.getTopLevelProject();
        SbomOptions options = options();
        Path directory = Path.of(topLevel.getBuild().getDirectory());
        Path json = directory.resolve(outputName + "-aggregate.json");
        Path xml = directory.resolve(outputName + "-aggregate.xml");
        try {
            Optional<Instant> configuredTimestamp = configuredTimestamp();
            BuildInfo digestBuild =
                    aggregateBuild(registry, buildInfo(topLevel, null, configuredTimestamp.orElse(null)));
            String plugin = pluginIdentity();
            InputsOfSource inputsOf = (source, gitConfigFiles) ->
                    SbomInputs.ofAggregate(modules, options, digestBuild, source, gitConfigFiles, plugin);
            Path recordFile = directory.resolve("provenance").resolve(outputName + "-aggregate.inputs");
            Optional<SbomInputs.Recorded> recorded = SbomInputs.Recorded.read(recordFile);
            Path basedir = topLevel.getBasedir().toPath();

            Optional<SbomInputs> quick = inputsFromGitState(basedir, recorded, inputsOf);
            if (quick.isPresent() && quick.get().matches(recorded, json, xml)) {
                getLog().info("Aggregate SBOM is up to date: " + json + ", " + xml);
                return;
            }
            SourceRevisions.Snapshot snapshot = SourceRevisions.snapshot(basedir);
            BuildInfo build = aggregateBuild(
                    registry,
                    buildInfo(topLevel, snapshot.revision(), timestamp(configuredTimestamp, snapshot.revision())));
            SbomInputs inputs = inputsFromSnapshot(snapshot, build.timestamp(), inputsOf);
            if (inputs.matches(recorded, json, xml)) {
                getLog().info("Aggregate SBOM is up to date: " + json + ", " + xml);
                return;
            }
            SchemaPreloader.start(options.schemaVersion());
            Bom bom = new SbomAggregator(options).aggregate(build, modules);
            new SbomWriter(options.schemaVersion()).write(bom, json, xml);
            inputs.write(recordFile, json, xml);
            getLog().info("Wrote aggregate SBOM of " + modules.size() + " modules with "
                    + bom.getComponents().size() + " components: " + json + ", " + xml);
        } catch (InvalidSbomException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("could not write the aggregate SBOM: " + e.getMessage(), e);
        }
    }

    /** Returns {@code own} with the build plugins of every module that wrote an SBOM, as the aggregate records. */
    private static BuildInfo aggregateBuild(ReactorSbomRegistry registry, BuildInfo own) {
        return new BuildInfo(
                own.project(),
                own.name(),
                own.description(),
                own.licenses(),
                own.timestamp(),
                own.source(),
                own.mavenVersion(),
                registry.buildPlugins(),
                own.tool());
    }

    /** Returns the module that lists {@code module} in its {@code <modules>}, when it is part of this build. */
    private Coordinates parentModule(MavenProject module) {
        for (MavenProject candidate : session.getProjects()) {
            if (candidate != module && candidate.getCollectedProjects() != null) {
                for (MavenProject collected : candidate.getCollectedProjects()) {
                    if (collected.getId().equals(module.getId()) && isDirectModule(candidate, module)) {
                        return MavenCoordinates.ofProject(candidate);
                    }
                }
            }
        }
        return null;
    }

    private static boolean isDirectModule(MavenProject aggregator, MavenProject module) {
        Path base = aggregator.getBasedir().toPath().toAbsolutePath().normalize();
        for (String name : aggregator.getModules()) {
            Path modulePath = base.resolve(name).normalize();
            Path moduleDirectory = modulePath.toString().endsWith(".xml") ? modulePath.getParent() : modulePath;
            if (moduleDirectory.equals(
                    module.getBasedir().toPath().toAbsolutePath().normalize())) {
                return true;
            }
        }
        return false;
    }

    private String pluginVersion() {
        return mojoExecution.getVersion();
    }

    /** Returns this plugin's identity, so that a rebuilt snapshot of the plugin writes its SBOMs again. */
    private String pluginIdentity() throws IOException {
        return SbomInputs.pluginIdentity(mojoExecution);
    }
}
