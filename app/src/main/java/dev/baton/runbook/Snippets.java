package dev.baton.runbook;

import java.util.List;
import java.util.Locale;

/** A short plain-text excerpt around the first place a search term appears. */
final class Snippets {
    // Compiled once: these run for every word, step, link or hit.
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    static final int MAX_LENGTH = 160;

    private Snippets() {
    }

    static String around(String text, List<String> terms) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String term : terms) {
            int found = lower.indexOf(term);
            if (found >= 0 && (at < 0 || found < at)) {
                at = found;
            }
        }
        if (at < 0) {
            return "";
        }
        int start = Math.max(0, at - MAX_LENGTH / 3);
        int end = Math.min(text.length(), start + MAX_LENGTH);
        String excerpt = WHITESPACE.matcher(text.substring(start, end)).replaceAll(" ").strip();
        return (start > 0 ? "…" : "") + excerpt + (end < text.length() ? "…" : "");
    }
}
