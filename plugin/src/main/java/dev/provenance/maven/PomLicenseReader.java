package dev.provenance.maven;

import dev.provenance.sbom.DeclaredLicense;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Reads the licenses an artifact's POM declares, following its parent POMs when it declares none, as Maven's model
 * inheritance does. Reading raw POMs instead of building effective models keeps this fast; license names that use
 * {@code ${property}} placeholders are recorded as written.
 */
final class PomLicenseReader {

    /** Guards against a parent cycle in broken POMs. */
    private static final int MAX_PARENT_DEPTH = 32;

    /** Licenses by {@code groupId:artifactId:version}, shared by the modules of a reactor and by later builds. */
    private static final Map<String, List<DeclaredLicense>> CACHE = new ConcurrentHashMap<>();

    private final RepositorySystem repositorySystem;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    PomLicenseReader(
            RepositorySystem repositorySystem, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.repositorySystem = repositorySystem;
        this.session = session;
        this.repositories = repositories;
    }

    /**
     * Returns the licenses of the artifact's POM or its nearest ancestor that declares any.
     *
     * @throws IOException when a POM cannot be resolved or parsed
     */
    List<DeclaredLicense> licensesOf(String groupId, String artifactId, String version) throws IOException {
        String key = groupId + ":" + artifactId + ":" + version;
        List<DeclaredLicense> cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        List<DeclaredLicense> licenses = read(groupId, artifactId, version, 0);
        CACHE.put(key, licenses);
        return licenses;
    }

    private List<DeclaredLicense> read(String groupId, String artifactId, String version, int depth)
            throws IOException {
        Model model = readModel(groupId, artifactId, version);
        if (!model.getLicenses().isEmpty()) {
            List<DeclaredLicense> licenses = new ArrayList<>();
            for (License license : model.getLicenses()) {
                licenses.add(new DeclaredLicense(license.getName(), license.getUrl()));
            }
            return List.copyOf(licenses);
        }
        Parent parent = model.getParent();
        if (parent == null || depth >= MAX_PARENT_DEPTH) {
            return List.of();
        }
        return licensesOf(parent.getGroupId(), parent.getArtifactId(), parent.getVersion());
    }

    private Model readModel(String groupId, String artifactId, String version) throws IOException {
        DefaultArtifact pom = new DefaultArtifact(groupId, artifactId, "", "pom", version);
        java.nio.file.Path file;
        try {
            file = repositorySystem
                    .resolveArtifact(session, new ArtifactRequest(pom, repositories, null))
                    .getArtifact()
                    .getFile()
                    .toPath();
        } catch (ArtifactResolutionException e) {
            throw new IOException("could not resolve the POM of " + pom + ": " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new MavenXpp3Reader().read(in, false);
        } catch (XmlPullParserException e) {
            throw new IOException("could not parse " + file + ": " + e.getMessage(), e);
        }
    }
}
