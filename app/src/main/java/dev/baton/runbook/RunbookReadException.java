package dev.baton.runbook;

import java.nio.file.Path;

/** A runbook file Baton cannot read; the message is written for the responder. */
public final class RunbookReadException extends Exception {
    private final Path path;

    public RunbookReadException(Path path, String message) {
        super(message);
        this.path = path;
    }

    public RunbookReadException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
