package dev.provenance.sbom;

import java.util.List;

/** Thrown when a generated SBOM does not validate against the CycloneDX schema, so it is not written. */
public final class InvalidSbomException extends Exception {

    private final List<String> findings;

    public InvalidSbomException(String format, List<String> findings) {
        super("the generated " + format + " SBOM does not conform to the CycloneDX schema: "
                + String.join("; ", findings));
        this.findings = List.copyOf(findings);
    }

    /** Returns the schema validator's findings, one per violation. */
    public List<String> findings() {
        return findings;
    }
}
