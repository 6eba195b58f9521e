package dev.provenance.signing;

/** Thrown when a key file cannot be read, decrypted or used; the message names the file and the fix. */
public class KeyException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyException(String message) {
        super(message);
    }

    public KeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
