package dev.baton.runbook;

/** Splits alert identifiers into words so that "evictions" finds RedisHighEvictions. */
final class AlertWords {
    /** A word that joins several: KubeNodeNotReady, HTTP5xxRate, node_disk_full, kube-apiserver is not one. */
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile(
            "\\b[A-Za-z0-9]*(?:[a-z0-9][A-Z]|[A-Z]{2}[a-z]|[A-Za-z0-9]_[A-Za-z0-9])[A-Za-z0-9_]*\\b");

    private AlertWords() {
    }

    /** The words of every identifier in the text, one identifier's words a line; empty when there are none. */
    static String identifierWords(String text) {
        StringBuilder words = new StringBuilder();
        char[] chars = text.toCharArray(); // one copy: this scans every runbook's whole text
        int i = 0;
        int n = chars.length;
        while (i < n) {
            if (kind(chars[i]) == NONE) {
                i++;
                continue;
            }
            int start = i;
            boolean joined = false;
            int before2 = NONE;
            int before = NONE;
            int kind;
            while (i < n && (kind = kind(chars[i])) != NONE) {
                // A plain scan first; the regex confirms.
                joined |= kind == UNDERSCORE || kind == UPPER && (before == LOWER || before == DIGIT)
                        || kind == LOWER && before == UPPER && before2 == UPPER;
                before2 = before;
                before = kind;
                i++;
            }
            if (joined) {
                String word = new String(chars, start, i - start);
                if (IDENTIFIER.matcher(word).matches()) {
                    words.append(split(word)).append('\n');
                }
            }
        }
        return words.toString();
    }

    private static final int NONE = 0;
    private static final int LOWER = 1;
    private static final int UPPER = 2;
    private static final int DIGIT = 3;
    private static final int UNDERSCORE = 4;

    /** ASCII letters, digits and underscore, as identifiers are written. */
    private static int kind(char c) {
        if (c >= 'a' && c <= 'z') {
            return LOWER;
        }
        if (c >= 'A' && c <= 'Z') {
            return UPPER;
        }
        if (c >= '0' && c <= '9') {
            return DIGIT;
        }
        return c == '_' ? UNDERSCORE : NONE;
    }

    /** "RedisHighEvictions" → "Redis High Evictions"; "HTTP5xxRate" → "HTTP 5xx Rate"; "node_disk_full" → "node disk full". */
    static String split(String alert) {
        String words = LOWER_THEN_UPPER.matcher(alert).replaceAll("$1 $2");
        words = CAPITALS_THEN_WORD.matcher(words).replaceAll("$1 $2");
        words = LETTER_THEN_DIGIT.matcher(words).replaceAll("$1 $2");
        return SEPARATORS.matcher(words).replaceAll(" ");
    }

    // Compiled once: split runs for every identifier of every runbook indexed.
    private static final java.util.regex.Pattern LOWER_THEN_UPPER = java.util.regex.Pattern.compile("([a-z0-9])([A-Z])");
    private static final java.util.regex.Pattern CAPITALS_THEN_WORD = java.util.regex.Pattern.compile("([A-Z]+)([A-Z][a-z])");
    private static final java.util.regex.Pattern LETTER_THEN_DIGIT = java.util.regex.Pattern.compile("([A-Za-z])([0-9])");
    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[_\\-.:]+");
}
