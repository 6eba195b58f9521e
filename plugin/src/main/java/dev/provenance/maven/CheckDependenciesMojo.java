package dev.provenance.maven;

import dev.provenance.policy.ArtifactResult;
import dev.provenance.policy.CheckReport;
import dev.provenance.policy.ResolvedArtifact;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

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
public class CheckDependenciesMojo extends PolicyMojoSupport {

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

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping check-dependencies: provenance.checkDependencies.skip is true");
            return;
        }
        long start = System.nanoTime();
        PolicySetup setup = loadPolicy();
        List<ResolvedArtifact> artifacts = collect();
        List<ArtifactResult> results = setup.verify(artifacts, LocalDate.now(), threads);
        writeReport(setup, results);
        report(results, Duration.ofNanos(System.nanoTime() - start));
    }

    private void writeReport(PolicySetup setup, List<ArtifactResult> results) throws MojoExecutionException {
        try {
            CheckReport.write(reportFile.toPath(), projectName(), setup.policy(), results);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the report " + reportFile + ": " + e.getMessage(), e);
        }
    }

    private void report(List<ArtifactResult> results, Duration duration) throws MojoFailureException {
        List<String> lines = CheckReport.violationLines(results);
        long cached = results.stream().filter(ArtifactResult::cached).count();
        getLog().info("Checked " + results.size() + " artifacts against the policy (" + cached
                + " signature results from the cache) in " + duration.toMillis() + " ms: " + lines.size()
                + " violations; report: " + reportFile);
        for (String notice : CheckReport.noticeLines(results)) {
            getLog().warn(notice);
        }
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
}
