package dev.provenance.sbom;

import java.nio.file.Path;

/**
 * The SBOM one module of a multi-module build wrote.
 *
 * @param module the module's coordinates
 * @param parent the coordinates of the module that lists it, or null for the top-level project
 * @param jsonFile the module's CycloneDX JSON file
 * @param artifactFile the module's packaged artifact, or null when it has not been packaged
 */
public record ModuleSbom(Coordinates module, Coordinates parent, Path jsonFile, Path artifactFile) {}
