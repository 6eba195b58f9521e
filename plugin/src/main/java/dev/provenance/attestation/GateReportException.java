package dev.provenance.attestation;

/** Thrown when a gate report or the SBOM cannot be read; the message names the file and the goal that writes it. */
public class GateReportException extends Exception {

    private static final long serialVersionUID = 1L;

    public GateReportException(String message) {
        super(message);
    }
}
