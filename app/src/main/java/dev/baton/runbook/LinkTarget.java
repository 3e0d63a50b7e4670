package dev.baton.runbook;

/**
 * Where a link in a runbook leads.
 *
 * @param runbookId the runbook it opens, for {@link Kind#RUNBOOK} and {@link Kind#ANCHOR}; otherwise empty
 * @param reason    why it is broken, for {@link Kind#BROKEN}; otherwise empty
 */
public record LinkTarget(Kind kind, String runbookId, String reason) {
    public enum Kind { RUNBOOK, ANCHOR, FILE, EXTERNAL, BROKEN }

    public boolean resolved() {
        return kind != Kind.BROKEN;
    }

    static LinkTarget broken(String reason) {
        return new LinkTarget(Kind.BROKEN, "", reason);
    }
}
