package dev.provenance.openpgp;

/** A key lookup that failed: the server could not be reached, timed out or returned an error. */
public final class KeyFetchException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyFetchException(String message) {
        super(message);
    }

    public KeyFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
