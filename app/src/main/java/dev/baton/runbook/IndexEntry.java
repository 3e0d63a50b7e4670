package dev.baton.runbook;

/**
 * A runbook listed by an index with its severity: a row of a table with a Severity column, or a
 * "File: … / Severity: …" entry under a heading.
 */
public record IndexEntry(String title, String target, String severity, int line) {
}
