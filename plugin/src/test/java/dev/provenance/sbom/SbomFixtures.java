package dev.provenance.sbom;

import dev.provenance.source.SourceRevision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;

/** Builders for SBOM test inputs in the domain's own terms. */
final class SbomFixtures {

    static final Coordinates PROJECT = new Coordinates("org.example", "app", "1.0.0", null, "jar");
    static final Coordinates TOOL =
            new Coordinates("dev.provenance", "provenance-maven-plugin", "0.1.0", null, "maven-plugin");
    static final Instant TIMESTAMP = Instant.parse("2026-01-02T03:04:05Z");

    private SbomFixtures() {}

    static SbomOptions options(Version version) {
        return new SbomOptions(version, true, Component.Type.LIBRARY);
    }

    static BuildInfo build(Coordinates project, SourceRevision source) {
        return new BuildInfo(
                project,
                "Example app",
                "An application for tests",
                List.of(new DeclaredLicense("Apache License, Version 2.0", null)),
                TIMESTAMP,
                source,
                "3.9.16",
                List.of(
                        new Coordinates("org.apache.maven.plugins", "maven-jar-plugin", "3.4.2", null, "maven-plugin"),
                        new Coordinates(
                                "org.apache.maven.plugins", "maven-compiler-plugin", "3.14.1", null, "maven-plugin")),
                TOOL);
    }

    /** Writes a file whose content names the coordinates, and returns an artifact resolved to it. */
    static ResolvedArtifact artifact(Path directory, Coordinates coordinates, MavenScope scope, boolean optional)
            throws IOException {
        Path file = directory.resolve(coordinates.artifactId() + "-" + coordinates.version() + ".jar");
        Files.writeString(file, "content of " + coordinates, StandardCharsets.UTF_8);
        return new ResolvedArtifact(
                coordinates, scope, optional, file, null, null, false, List.of(new DeclaredLicense("MIT", null)));
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static String sha512(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(file)));
    }

    /** Returns each node of the SBOM's dependency graph with the refs it depends on. */
    static Map<String, List<String>> edges(Bom bom) {
        return bom.getDependencies().stream()
                .collect(Collectors.toMap(
                        Dependency::getRef,
                        dependency -> dependency.getDependencies() == null
                                ? List.of()
                                : dependency.getDependencies().stream()
                                        .map(Dependency::getRef)
                                        .toList()));
    }

    static Component component(Bom bom, Coordinates coordinates) {
        return bom.getComponents().stream()
                .filter(component -> component.getPurl().equals(coordinates.purl()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no component " + coordinates.purl()));
    }
}
