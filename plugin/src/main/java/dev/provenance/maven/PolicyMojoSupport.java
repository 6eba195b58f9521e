package dev.provenance.maven;

import dev.provenance.policy.ResolvedArtifact;
import java.io.File;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * The parameters and steps that check-dependencies and record-policy share: where the policy is, what to collect from
 * the build, and how to reach keyservers.
 */
abstract class PolicyMojoSupport extends AbstractMojo {

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
    protected File policyFile;

    /**
     * The dependency scopes to check, separated by commas. All scopes by default, because test code runs during the
     * build too.
     *
     * <p>Default {@code compile,provided,runtime,test,system}; user property {@code provenance.scopes}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.scopes", defaultValue = "compile,provided,runtime,test,system")
    protected String scopes;

    /**
     * Whether to check the POMs and parent POMs of the dependencies and of the project.
     *
     * <p>Default {@code true}; user property {@code provenance.checkPoms}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.checkPoms", defaultValue = "true")
    protected boolean checkPoms;

    /**
     * Whether to check the build plugins and their dependencies.
     *
     * <p>Default {@code true}; user property {@code provenance.checkPlugins}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.checkPlugins", defaultValue = "true")
    protected boolean checkPlugins;

    /**
     * The folder where signature results and fetched keys are cached between builds. Entries are named by a digest of
     * the artifact, its signature, the policy and the keyrings, so they never go stale.
     *
     * <p>Default {@code ${settings.localRepository}/.cache/provenance-maven-plugin}; user property
     * {@code provenance.cache.directory}.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = "provenance.cache.directory",
            defaultValue = "${settings.localRepository}/.cache/provenance-maven-plugin")
    protected File cacheDirectory;

    /**
     * How many artifacts to verify at once; 0 means one per available processor.
     *
     * <p>Default {@code 0}; user property {@code provenance.threads}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.threads", defaultValue = "0")
    protected int threads;

    /**
     * Seconds to wait for a keyserver to connect and to respond, per attempt.
     *
     * <p>Default {@code 10}; user property {@code provenance.keyserver.timeout}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.keyserver.timeout", defaultValue = "10")
    protected int keyserverTimeout;

    /**
     * How many times to retry a keyserver request that timed out or failed with a server error.
     *
     * <p>Default {@code 2}; user property {@code provenance.keyserver.retries}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.keyserver.retries", defaultValue = "2")
    protected int keyserverRetries;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Component
    protected RepositorySystem repositorySystem;

    /** Reads the policy with its keyrings and keyserver settings. */
    protected PolicySetup loadPolicy() throws MojoExecutionException {
        return PolicySetup.load(
                policyFile, cacheDirectory, session.isOffline(), keyserverTimeout, keyserverRetries, getLog());
    }

    /** Collects the artifacts this project's build resolves, each with its signature. */
    protected List<ResolvedArtifact> collect() throws MojoExecutionException {
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
        Set<String> known = Set.of("compile", "provided", "runtime", "test", "system");
        Set<String> result = new LinkedHashSet<>();
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

    /** Returns the project as {@code groupId:artifactId:version}. */
    protected String projectName() {
        return project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
    }
}
