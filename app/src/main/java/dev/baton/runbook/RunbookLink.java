package dev.baton.runbook;

/**
 * A link as written in a runbook.
 *
 * @param target      the destination as written
 * @param text        the link text
 * @param line        source line, 1-based
 */
public record RunbookLink(String target, String text, int line) {
    // Compiled once: these run for every word, step, link or hit.
    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("(?i)^[a-z][a-z0-9+.-]*:.*");

    /** Web, mail and other links that are not files next to the runbook. */
    public boolean isExternal() {
        return SCHEME.matcher(target).matches() || target.startsWith("//");
    }
}
