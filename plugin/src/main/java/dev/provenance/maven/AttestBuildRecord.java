package dev.provenance.maven;

import dev.provenance.attestation.BuildRecord;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Collects what the SLSA provenance records from the Maven session, the project and its git repository. */
final class AttestBuildRecord {

    static final String BUILD_TYPE =
            "https://github.com/provenance-maven-plugin/provenance-maven-plugin/buildtypes/maven/v1";

    private AttestBuildRecord() {}

    static BuildRecord collect(
            MavenSession session,
            MavenProject project,
            String builderId,
            String pluginVersion,
            String mavenVersion,
            Instant finishedOn)
            throws IOException {
        Map<String, String> external = new LinkedHashMap<>();
        external.put("project", project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion());
        external.put("goals", String.join(" ", session.getGoals()));
        List<BuildRecord.ResolvedArtifact> artifacts = new ArrayList<>();
        for (Artifact artifact : new TreeSet<>(project.getArtifacts())) {
            File file = artifact.getFile();
            if (file != null && file.isFile()) {
                artifacts.add(new BuildRecord.ResolvedArtifact(purl(artifact), file.getName(), sha256(file)));
            }
        }
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("provenance-maven-plugin", pluginVersion);
        versions.put("maven", mavenVersion);
        Instant startedOn = session.getRequest().getStartTime() == null
                ? finishedOn
                : session.getRequest().getStartTime().toInstant();
        return new BuildRecord(
                builderId,
                BUILD_TYPE,
                external,
                source(project.getBasedir()),
                artifacts,
                versions,
                "",
                startedOn,
                finishedOn);
    }

    /** Returns {@code pkg:maven/group/artifact@version?type=..&classifier=..} (purl-spec, type maven). */
    static String purl(Artifact artifact) {
        StringBuilder purl = new StringBuilder("pkg:maven/")
                .append(artifact.getGroupId())
                .append('/')
                .append(artifact.getArtifactId())
                .append('@')
                .append(artifact.getVersion());
        purl.append("?type=").append(artifact.getType());
        if (artifact.getClassifier() != null && !artifact.getClassifier().isEmpty()) {
            purl.append("&classifier=").append(artifact.getClassifier());
        }
        return purl.toString();
    }

    /** Returns HEAD of the git repository that contains {@code basedir}, with the origin URL when one is set. */
    static Optional<BuildRecord.SourceRevision> source(File basedir) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(basedir);
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repository = builder.build()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return Optional.empty();
            }
            String origin = repository.getConfig().getString("remote", "origin", "url");
            String uri =
                    origin == null ? "git+file://" + repository.getWorkTree().getAbsolutePath() : "git+" + origin;
            String branch = repository.getFullBranch();
            String ref = branch != null && branch.startsWith("refs/") ? branch : "";
            return Optional.of(new BuildRecord.SourceRevision(uri, ref, head.name()));
        }
    }

    static String sha256(File file) throws IOException {
        try (InputStream in =
                new DigestInputStream(Files.newInputStream(file.toPath()), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return java.util.HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
