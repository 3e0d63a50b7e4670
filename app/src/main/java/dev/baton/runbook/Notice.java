package dev.baton.runbook;

/** Something wrong with a runbook that a responder or its author should know, at a 1-based line. */
public record Notice(int line, String message) {
}
