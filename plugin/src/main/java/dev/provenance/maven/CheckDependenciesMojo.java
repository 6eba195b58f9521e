package dev.provenance.maven;

import dev.provenance.policy.ArtifactResult;
import dev.provenance.policy.CheckReport;
import dev.provenance.policy.ResolvedArtifact;
import java.io.File;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Checks every artifact the build resolves against the reviewed policy: dependencies in the chosen scopes, their POMs
 * and parent POMs, and the build plugins with their dependencies. An artifact passes when the policy allows it and no
 * deny entry matches, a signature in its {@code .asc} verifies with an accepted key that was valid when it signed, and
 * the file matches its pinned checksum. All violations are collected, written to a JSON report, and then fail the build
 * once.
 *
 * @since 0.1.0
 */
@Mojo(
        name = "check-dependencies",
        defaultPhase = LifecyclePhase.VALIDATE,
        requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class CheckDependenciesMojo extends AbstractMojo {

    /**
     * Skips the check. The goal logs that it skipped.
     *
     * <p>Default {@code false}; user property {@code provenance.checkDependencies.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.checkDependencies.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The policy file, one for the whole reactor. Relative paths in its {@code keyring} lines are resolved against its
     * folder.
     *
     * <p>Default {@code provenance-policy.txt} in the folder of the top-level project (the one Maven was started in);
     * user property {@code provenance.policy.file}.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = "provenance.policy.file",
            defaultValue = "${session.topLevelProject.basedir}/provenance-policy.txt")
    private File policyFile;

    /**
     * Whether violations fail the build. With {@code false} each violation is logged as a warning and the report still
     * lists it.
     *
     * <p>Default {@code true}; user property {@code provenance.failOnViolation}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.failOnViolation", defaultValue = "true")
    private boolean failOnViolation;

    /**
     * The dependency scopes to check, separated by commas. All scopes by default, because test code runs during the
     * build too.
     *
     * <p>Default {@code compile,provided,runtime,test,system}; user property {@code provenance.scopes}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.scopes", defaultValue = "compile,provided,runtime,test,system")
    private String scopes;

    /**
     * Whether to check the POMs and parent POMs of the dependencies and of the project.
     *
     * <p>Default {@code true}; user property {@code provenance.checkPoms}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.checkPoms", defaultValue = "true")
    private boolean checkPoms;

    /**
     * Whether to check the build plugins and their dependencies.
     *
     * <p>Default {@code true}; user property {@code provenance.checkPlugins}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.checkPlugins", defaultValue = "true")
    private boolean checkPlugins;

    /**
     * The JSON report, written even when violations fail the build.
     *
     * <p>Default {@code ${project.build.directory}/provenance/check-dependencies.json}; user property
     * {@code provenance.checkDependencies.report}.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = "provenance.checkDependencies.report",
            defaultValue = "${project.build.directory}/provenance/check-dependencies.json")
    private File reportFile;

    /**
     * The folder where signature results and fetched keys are cached between builds. Entries are named by a digest of
     * the artifact, its signature, the policy and the keyrings, so they never go stale. Set it to an empty value to
     * turn the cache off.
     *
     * <p>Default {@code ${settings.localRepository}/.cache/provenance-maven-plugin}; user property
     * {@code provenance.cache.directory}.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = "provenance.cache.directory",
            defaultValue = "${settings.localRepository}/.cache/provenance-maven-plugin")
    private File cacheDirectory;

    /**
     * How many artifacts to verify at once; 0 means one per available processor.
     *
     * <p>Default {@code 0}; user property {@code provenance.threads}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.threads", defaultValue = "0")
    private int threads;

    /**
     * Seconds to wait for a keyserver to connect and to answer, per attempt.
     *
     * <p>Default {@code 10}; user property {@code provenance.keyserver.timeout}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.keyserver.timeout", defaultValue = "10")
    private int keyserverTimeout;

    /**
     * How many times to retry a keyserver request that timed out or failed with a server error.
     *
     * <p>Default {@code 2}; user property {@code provenance.keyserver.retries}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.keyserver.retries", defaultValue = "2")
    private int keyserverRetries;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Component
    private RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping check-dependencies: provenance.checkDependencies.skip is true");
            return;
        }
        PolicySetup setup = PolicySetup.load(
                policyFile, cacheDirectory, session.isOffline(), keyserverTimeout, keyserverRetries, getLog());

        List<ResolvedArtifact> artifacts = collect();
        List<ArtifactResult> results = setup.verify(artifacts, LocalDate.now(), threads);
        writeReport(setup, results);
        report(results);
    }

    private List<ResolvedArtifact> collect() throws MojoExecutionException {
        DependencyCollector collector = new DependencyCollector(
                repositorySystem, session.getRepositorySession(), project, session.getProjects(), getLog());
        collector.addDependencies(scopeSet());
        if (checkPlugins) {
            try {
                collector.addPlugins();
            } catch (DependencyResolutionException e) {
                throw new MojoExecutionException(
                        "Could not resolve the build plugins to check them: " + e.getMessage(), e);
            }
        }
        if (checkPoms) {
            collector.addPoms();
        }
        return collector.resolveSignatures();
    }

    private Set<String> scopeSet() throws MojoExecutionException {
        Set<String> known = Set.of("compile", "provided", "runtime", "test", "system", "import");
        Set<String> result = new java.util.LinkedHashSet<>();
        for (String scope : scopes.split(",")) {
            String trimmed = scope.trim();
            if (!known.contains(trimmed)) {
                throw new MojoExecutionException("Invalid scope '" + trimmed + "' in <scopes>"
                        + " (provenance.scopes): use a comma-separated list of compile, provided, runtime, test,"
                        + " system");
            }
            result.add(trimmed);
        }
        return result;
    }

    private void writeReport(PolicySetup setup, List<ArtifactResult> results) throws MojoExecutionException {
        try {
            CheckReport.write(reportFile.toPath(), projectName(), setup.policy(), results);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the report " + reportFile + ": " + e.getMessage(), e);
        }
    }

    private void report(List<ArtifactResult> results) throws MojoFailureException {
        List<String> lines = CheckReport.violationLines(results);
        long cached = results.stream().filter(ArtifactResult::cached).count();
        getLog().info("Checked " + results.size() + " artifacts against the policy (" + cached
                + " signature results from the cache): " + lines.size() + " violations; report: " + reportFile);
        if (lines.isEmpty()) {
            return;
        }
        for (String line : lines) {
            if (failOnViolation) {
                getLog().error(line);
            } else {
                getLog().warn(line);
            }
        }
        String summary = lines.size() + " dependency policy violation" + (lines.size() == 1 ? "" : "s") + " in "
                + projectName() + "; each is listed above and in " + reportFile;
        if (failOnViolation) {
            throw new MojoFailureException(summary);
        }
        getLog().warn(summary + "; the build goes on because failOnViolation is false");
    }

    private String projectName() {
        return project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
    }
}
