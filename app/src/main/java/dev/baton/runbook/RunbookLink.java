package dev.baton.runbook;

/**
 * A link as written in a runbook.
 *
 * @param target      the destination as written
 * @param text        the link text
 * @param line        source line, 1-based
 */
public record RunbookLink(String target, String text, int line) {
    /** Web, mail and other links that are not files next to the runbook. */
    public boolean isExternal() {
        return target.matches("(?i)^[a-z][a-z0-9+.-]*:.*") || target.startsWith("//");
    }
}
