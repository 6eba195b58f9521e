package dev.provenance.sbom;

import java.util.Locale;

/** The Maven dependency scopes that a resolved artifact can have. */
public enum MavenScope {
    COMPILE,
    RUNTIME,
    PROVIDED,
    TEST,
    SYSTEM;

    /** Parses a scope as Maven writes it; an empty or missing scope is {@code compile}, as in a POM. */
    public static MavenScope fromId(String id) {
        if (id == null || id.isEmpty()) {
            return COMPILE;
        }
        try {
            return valueOf(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown Maven scope '" + id + "'; expected compile, runtime, provided, test or system", e);
        }
    }

    /** Returns the scope as Maven writes it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns whether an artifact of this scope ships with the project. Provided and test artifacts run during the
     * build only; a system artifact is on the compile class path, so it counts as shipped.
     */
    public boolean ships() {
        return this != PROVIDED && this != TEST;
    }
}
