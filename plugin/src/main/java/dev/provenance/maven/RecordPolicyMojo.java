package dev.provenance.maven;

import dev.provenance.io.AtomicFiles;
import dev.provenance.policy.ArtifactResult;
import dev.provenance.policy.CheckReport;
import dev.provenance.policy.PolicyRecorder;
import dev.provenance.policy.ResolvedArtifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the policy from the current build, or updates it: an {@code allow} entry for each artifact that the policy
 * does not yet accept, with the fingerprint of the key that signed it and its SHA-256. Hand-written lines, comments
 * included, are kept as they are. A team adopts check-dependencies by reviewing the diff this goal makes.
 *
 * <p>An artifact signed by a key that no keyring contains is recorded with an {@code unsigned} exemption that names the
 * key, because an entry may name a key only by its fingerprint and an old signature may carry only a key id. An entry
 * cannot fix a denied artifact, a bad signature, an expired or revoked key, an expired signature or one made in the
 * future, a weak hash, a checksum mismatch or a failed key fetch. Such artifacts are not recorded, and each is logged
 * as a warning.
 *
 * @since 0.1.0
 */
@Mojo(name = "record-policy", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class RecordPolicyMojo extends PolicyMojoSupport {

    /** Serialises updates of the policy file by the modules of a parallel build, which all share it. */
    private static final Object POLICY_LOCK = new Object();

    /**
     * Skips recording. The goal logs that it skipped.
     *
     * <p>Default {@code false}; user property {@code provenance.recordPolicy.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.recordPolicy.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping record-policy: provenance.recordPolicy.skip is true");
            return;
        }
        List<ResolvedArtifact> artifacts = collect();

        // Each module reads the policy as the previous one left it, so none records an entry twice.
        synchronized (POLICY_LOCK) {
            Path file = policyFile.toPath();
            String existing = read(file);
            List<ArtifactResult> results = existing == null
                    ? PolicySetup.unchecked(artifacts)
                    : loadPolicy().verify(artifacts, LocalDate.now(), threads);
            List<String> entries = entries(results);
            String updated = PolicyRecorder.update(existing, entries);
            if (updated.equals(existing)) {
                getLog().info("Policy " + file + " already accepts all " + results.size() + " artifacts");
                return;
            }
            write(file, updated);
            getLog().info("Recorded " + entries.size() + " entries for " + results.size() + " artifacts in " + file
                    + "; review the change before committing it");
            long exempted =
                    entries.stream().filter(PolicyRecorder::exemptsMissingKey).count();
            if (exempted > 0) {
                getLog().warn(exempted + " of the recorded entries carry an unsigned exemption because no keyring"
                        + " contains the key that signed the artifact; each names that key. Add the publishers' keys to a"
                        + " keyring after checking their fingerprints, delete those entries and record again, so that"
                        + " their signatures are checked");
            }
        }
    }

    private List<String> entries(List<ArtifactResult> results) {
        List<String> entries = new ArrayList<>();
        LocalDate today = LocalDate.now();
        for (ArtifactResult result : results) {
            Optional<String> entry = PolicyRecorder.entryFor(result, today);
            if (entry.isPresent()) {
                entries.add(entry.get());
            } else if (!result.passed()) {
                CheckReport.violationLines(List.of(result))
                        .forEach(line -> getLog().warn("Not recorded, fix it by hand: " + line));
            }
        }
        return entries;
    }

    private static String read(Path file) throws MojoExecutionException {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new MojoExecutionException("Could not read the policy file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the file through a temporary file in the same folder, so readers never see half a policy. */
    private static void write(Path file, String text) throws MojoExecutionException {
        try {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the policy file " + file + ": " + e.getMessage(), e);
        }
    }
}
