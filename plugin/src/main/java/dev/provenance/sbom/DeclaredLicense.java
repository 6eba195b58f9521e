package dev.provenance.sbom;

/** A {@code <license>} element of a POM: its name and URL, either of which may be null. */
public record DeclaredLicense(String name, String url) {

    /** Returns whether the license has neither a name nor a URL, as some POMs declare. */
    public boolean isBlank() {
        return (name == null || name.isBlank()) && (url == null || url.isBlank());
    }
}
