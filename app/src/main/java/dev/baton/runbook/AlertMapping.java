package dev.baton.runbook;

/**
 * One row of an alert table: which runbook answers an alert.
 *
 * @param target a link destination ({@code node-down.md}) or a runbook id as written ({@code RB-03})
 */
public record AlertMapping(String alert, String severity, String target, String owner, int line) {
}
