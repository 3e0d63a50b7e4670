package dev.baton.sources;

/** A data source Baton could not ask, with a message for the responder that names the endpoint and why. */
public final class SourceException extends Exception {
    private final int status;

    public SourceException(String message) {
        this(message, 0);
    }

    public SourceException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the server answered with, or 0 when it did not answer. */
    public int status() {
        return status;
    }
}
