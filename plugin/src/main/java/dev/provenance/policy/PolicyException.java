package dev.provenance.policy;

import java.nio.file.Path;

/** An invalid policy file, reported with the file, the line and what to change. */
public final class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    public PolicyException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public PolicyException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
        this.line = 0;
    }

    public Path file() {
        return file;
    }

    /** Returns the 1-based line number, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }
}
