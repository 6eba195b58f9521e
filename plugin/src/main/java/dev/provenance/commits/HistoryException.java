package dev.provenance.commits;

/** Thrown when the commit check cannot run: no repository, a missing ref, or history that a shallow clone lacks. */
public class HistoryException extends Exception {

    private static final long serialVersionUID = 1L;

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
