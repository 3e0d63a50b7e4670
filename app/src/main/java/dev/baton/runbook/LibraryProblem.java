package dev.baton.runbook;

/** A file of the library that could not be read, or a fault inside one, at a 1-based line (1 for the whole file). */
public record LibraryProblem(String path, int line, String message) {
    /** {@code path:line: message}, the form editors and CI logs link to. */
    public String format() {
        return path + ":" + line + ": " + message;
    }
}
