package dev.provenance.attestation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts about one build that SLSA Provenance v1 records.
 *
 * @param builderId the URI of the builder that ran the build, for example the CI system's identity
 * @param buildType the URI of the build type, which defines {@code externalParameters}
 * @param externalParameters the inputs a user controls, such as the project coordinates and goals
 * @param source the source revision, when the project is in a git repository
 * @param artifacts every resolved Maven artifact with its digest
 * @param builderVersions versions of the builder's components, for example Maven and this plugin
 * @param invocationId an identifier of this run, may be empty
 * @param startedOn when the build started
 * @param finishedOn when the build finished
 */
public record BuildRecord(
        String builderId,
        String buildType,
        Map<String, String> externalParameters,
        Optional<SourceRevision> source,
        List<ResolvedArtifact> artifacts,
        Map<String, String> builderVersions,
        String invocationId,
        Instant startedOn,
        Instant finishedOn) {

    /**
     * A git revision.
     *
     * @param uri the repository, for example {@code git+https://example.com/team/app.git}
     * @param ref the branch or tag, for example {@code refs/heads/main}, may be empty
     * @param commit the full commit id
     */
    public record SourceRevision(String uri, String ref, String commit) {}

    /**
     * A Maven artifact the build resolved.
     *
     * @param purl its package URL, for example {@code pkg:maven/org.slf4j/slf4j-api@2.0.16?type=jar}
     * @param fileName the file name in the local repository
     * @param sha256 the SHA-256 of the file, lowercase hex
     */
    public record ResolvedArtifact(String purl, String fileName, String sha256) {}

    public BuildRecord {
        externalParameters = Map.copyOf(externalParameters);
        artifacts = List.copyOf(artifacts);
        builderVersions = Map.copyOf(builderVersions);
    }
}
