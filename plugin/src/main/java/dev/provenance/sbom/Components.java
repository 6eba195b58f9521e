package dev.provenance.sbom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;

/** Builds the parts of CycloneDX components that every component of this plugin shares. */
final class Components {

    private Components() {}

    /** Returns a component named by {@code coordinates}, with the package URL as its {@code bom-ref}. */
    static Component named(Component.Type type, Coordinates coordinates) {
        Component component = new Component();
        component.setType(type);
        component.setGroup(coordinates.groupId());
        component.setName(coordinates.artifactId());
        component.setVersion(coordinates.version());
        component.setPurl(coordinates.purl());
        component.setBomRef(coordinates.purl());
        return component;
    }

    /**
     * Returns the SHA-256 and SHA-512 of {@code file}, or null when there is no regular file to hash: reactor modules
     * that have not been packaged resolve to a classes directory.
     */
    static List<Hash> hashesOf(Path file) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        FileDigests.Digests digests = FileDigests.of(file);
        return List.of(
                new Hash(Hash.Algorithm.SHA_256, digests.sha256()), new Hash(Hash.Algorithm.SHA_512, digests.sha512()));
    }
}
