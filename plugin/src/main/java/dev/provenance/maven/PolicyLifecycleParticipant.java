package dev.provenance.maven;

import dev.provenance.policy.ArtifactResult;
import dev.provenance.policy.CheckReport;
import java.io.File;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.slf4j.LoggerFactory;

/**
 * Checks the build plugins of every project against the policy before the first mojo runs. Maven calls it when a
 * build declares this plugin with {@code <extensions>true</extensions>}; without that, check-dependencies checks the
 * plugins in the {@code validate} phase, after Maven has loaded them.
 *
 * <p>It reads its settings from user and system properties only ({@code provenance.checkDependencies.skip},
 * {@code provenance.checkPlugins}, {@code provenance.policy.file}, {@code provenance.failOnViolation},
 * {@code provenance.cache.directory}), because plugin configuration is not evaluated at this point of the build.
 */
@Named("provenance-plugin-check")
@Singleton
public class PolicyLifecycleParticipant extends AbstractMavenLifecycleParticipant {

    private final RepositorySystem repositorySystem;
    private final Log log = new PolicyLog(LoggerFactory.getLogger(PolicyLifecycleParticipant.class));

    @Inject
    public PolicyLifecycleParticipant(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void afterProjectsRead(MavenSession session) throws MavenExecutionException {
        Properties properties = new Properties();
        properties.putAll(session.getSystemProperties());
        properties.putAll(session.getUserProperties());
        if (Boolean.parseBoolean(properties.getProperty("provenance.checkDependencies.skip", "false"))) {
            log.info("Skipping the plugin check before the build: provenance.checkDependencies.skip is true");
            return;
        }
        if (!Boolean.parseBoolean(properties.getProperty("provenance.checkPlugins", "true"))) {
            log.info("Skipping the plugin check before the build: provenance.checkPlugins is false");
            return;
        }
        File pom = session.getTopLevelProject().getFile();
        try {
            check(session, properties);
        } catch (MojoExecutionException e) {
            throw new MavenExecutionException(e.getMessage(), e);
        } catch (DependencyResolutionException e) {
            throw new MavenExecutionException(
                    "Could not resolve the build plugins to check them: " + e.getMessage(), pom);
        }
    }

    private void check(MavenSession session, Properties properties)
            throws MojoExecutionException, DependencyResolutionException, MavenExecutionException {
        File policyFile = new File(properties.getProperty(
                "provenance.policy.file",
                new File(session.getTopLevelProject().getBasedir(), "provenance-policy.txt").getPath()));
        File cache = new File(properties.getProperty(
                "provenance.cache.directory",
                new File(
                                session.getRepositorySession()
                                        .getLocalRepository()
                                        .getBasedir(),
                                ".cache/provenance-maven-plugin")
                        .getPath()));
        PolicySetup setup = PolicySetup.load(policyFile, cache, session.isOffline(), 10, 2, log);

        // Plugins, their dependencies and their POMs, for every project, before any of them runs.
        List<ArtifactResult> results = new ArrayList<>();
        for (MavenProject project : session.getProjects()) {
            DependencyCollector collector = new DependencyCollector(
                    repositorySystem, session.getRepositorySession(), project, session.getProjects(), log);
            collector.addPlugins();
            collector.addPoms();
            results.addAll(setup.verify(collector.resolveSignatures(), LocalDate.now(), 0));
        }
        report(
                results,
                Boolean.parseBoolean(properties.getProperty("provenance.failOnViolation", "true")),
                session.getTopLevelProject().getFile());
    }

    private void report(List<ArtifactResult> results, boolean failOnViolation, File pom)
            throws MavenExecutionException {
        List<String> lines = CheckReport.violationLines(results);
        log.info("Checked " + results.size() + " plugin artifacts against the policy before the build: " + lines.size()
                + " violations");
        if (lines.isEmpty()) {
            return;
        }
        for (String line : lines) {
            if (failOnViolation) {
                log.error(line);
            } else {
                log.warn(line);
            }
        }
        String summary = lines.size() + " plugin policy violation" + (lines.size() == 1 ? "" : "s")
                + " found before the build started; each is listed above";
        if (failOnViolation) {
            throw new MavenExecutionException(summary, pom);
        }
        log.warn(summary + "; the build goes on because failOnViolation is false");
    }
}
