package dev.provenance.sbom;

import java.util.Locale;
import org.cyclonedx.Version;
import org.cyclonedx.model.Component;

/**
 * Choices that shape an SBOM.
 *
 * @param schemaVersion the CycloneDX version to write
 * @param includeTestAndProvided whether test and provided dependencies appear, with scope {@code excluded}
 * @param projectType the CycloneDX component type of the project itself
 */
public record SbomOptions(Version schemaVersion, boolean includeTestAndProvided, Component.Type projectType) {

    /** The CycloneDX versions this plugin writes. */
    public static final String SUPPORTED_VERSIONS = "1.4, 1.5 or 1.6";

    /** Parses a CycloneDX version such as {@code 1.6}. */
    public static Version parseSchemaVersion(String value) {
        if (value != null) {
            switch (value.trim()) {
                case "1.4":
                    return Version.VERSION_14;
                case "1.5":
                    return Version.VERSION_15;
                case "1.6":
                    return Version.VERSION_16;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "unsupported CycloneDX schema version '" + value + "'; set it to " + SUPPORTED_VERSIONS);
    }

    /** Parses a CycloneDX component type such as {@code library} or {@code application}. */
    public static Component.Type parseProjectType(String value) {
        if (value != null) {
            for (Component.Type type : Component.Type.values()) {
                if (type.getTypeName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("unknown CycloneDX component type '" + value
                + "'; use one of library, application, framework, container, platform, firmware, file");
    }
}
