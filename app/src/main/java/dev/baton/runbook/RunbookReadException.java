package dev.baton.runbook;

import java.nio.file.Path;

/** A runbook file Baton cannot read; the message is written for the responder. */
public final class RunbookReadException extends Exception {
    private final Path path;
    private final int line;

    public RunbookReadException(Path path, String message) {
        this(path, message, 1);
    }

    /** @param line the 1-based line the problem is on */
    public RunbookReadException(Path path, String message, int line) {
        super(message);
        this.path = path;
        this.line = line;
    }

    public RunbookReadException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.line = 1;
    }

    /** The 1-based line the problem is on (1 for the whole file). */
    public int line() {
        return line;
    }

    public Path path() {
        return path;
    }
}
