package dev.provenance.oci;

import java.io.IOException;

/** Thrown when a registry rejects a request; the message names the request, the status and what to check. */
public class RegistryException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public RegistryException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** Returns the HTTP status, or 0 when the registry could not be reached. */
    public int status() {
        return status;
    }
}
