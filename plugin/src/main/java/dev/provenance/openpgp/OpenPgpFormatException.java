package dev.provenance.openpgp;

/** A signature or keyring file that is not valid OpenPGP data, or that is larger than the limit. */
public final class OpenPgpFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public OpenPgpFormatException(String message) {
        super(message);
    }

    public OpenPgpFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
