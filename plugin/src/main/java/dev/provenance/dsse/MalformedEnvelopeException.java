package dev.provenance.dsse;

/** Thrown when bytes that should hold a DSSE envelope do not. */
public class MalformedEnvelopeException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedEnvelopeException(String message) {
        super(message);
    }
}
